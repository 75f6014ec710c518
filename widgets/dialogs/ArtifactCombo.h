#pragma once

#include <QWidget>

class QComboBox;

namespace foldwise::gui {

// Picks one of the project's files of a kind (newest first) or another file; optionally "none".
class ArtifactCombo : public QWidget {
    Q_OBJECT

public:
    ArtifactCombo(const QStringList& files, const QString& noneText, const QString& filter, QWidget* parent = nullptr);

    // Empty for "none".
    QString path() const;
    void setPath(const QString& path);
    QComboBox* comboBox() const { return combo_; }

private:
    void browse();

    QComboBox* combo_;
    QString filter_;
};

} // namespace foldwise::gui
