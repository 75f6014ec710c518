#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;

namespace foldwise::gui {

// A path field with a browse button: an existing file, a file to write, a folder, or (for
// calibration data) a file or a folder, one button each.
class PathEdit : public QWidget {
    Q_OBJECT

public:
    enum class Mode { OpenFile, SaveFile, Folder, FileOrFolder };

    PathEdit(Mode mode, QString filter = {}, QWidget* parent = nullptr);

    QString path() const;
    void setPath(const QString& path);
    void setPlaceholderText(const QString& text);
    QLineEdit* lineEdit() const { return edit_; }

signals:
    void pathChanged(const QString& path);

private:
    void browseFile();
    void browseFolder();

    Mode mode_;
    QString filter_;
    QLineEdit* edit_;
};

} // namespace foldwise::gui
