#pragma once

#include <QMenu>
#include <QStringList>

namespace foldwise::gui {

// File > Open Recent: the last opened models (or projects), newest first, kept in QSettings.
class RecentFilesMenu : public QMenu {
    Q_OBJECT

public:
    static constexpr int kMaxFiles = 10;

    explicit RecentFilesMenu(QWidget* parent = nullptr);
    // Another list (e.g. recent projects) under its own QSettings key.
    RecentFilesMenu(const QString& title, const QString& settingsKey, QWidget* parent = nullptr);

    QStringList files() const;

public slots:
    void addFile(const QString& path);
    void removeFile(const QString& path);
    void clearFiles();

signals:
    void fileTriggered(const QString& path);

private:
    void setFiles(const QStringList& files);
    void rebuild();

    const QString settingsKey_;
};

} // namespace foldwise::gui
