#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace foldwise::gui {

class Project;

// Saves a modified project every few seconds to a sibling file, "<project>.foldwise.autosave",
// so that a crash loses little. The autosave file goes away whenever the project becomes
// unmodified (saved, opened or cleared); the project file itself is only written by a save.
// Untitled projects are not autosaved: there is no folder to put the file in.
class ProjectAutosaver : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalSeconds = 60;

    explicit ProjectAutosaver(Project* project, QObject* parent = nullptr);

    static QString autosavePath(const QString& projectFile);
    // Whether an autosave newer than the project file exists (work not saved last time).
    static bool hasRecoverableAutosave(const QString& projectFile);

    void setIntervalMs(int msecs);
    int intervalMs() const { return timer_.interval(); }

    // Writes the autosave now if the project is modified and titled; returns whether it wrote.
    bool autosaveNow();

signals:
    // Just before writing: a chance to store the current window layout in the project.
    void aboutToAutosave();
    void autosaveFailed(const QString& message);

private:
    void removeAutosave();

    Project* project_;
    QTimer timer_;
    QString lastWritten_;
};

} // namespace foldwise::gui
