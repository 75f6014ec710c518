#include "dialogs/ArtifactCombo.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QToolButton>

namespace foldwise::gui {

ArtifactCombo::ArtifactCombo(const QStringList& files, const QString& noneText, const QString& filter, QWidget* parent)
    : QWidget(parent)
    , combo_(new QComboBox(this))
    , filter_(filter)
{
    if (!noneText.isEmpty())
        combo_->addItem(noneText, QString());
    for (auto it = files.crbegin(); it != files.crend(); ++it)
        setPath(*it);
    // The newest file first and chosen: usually what the user just made.
    combo_->setCurrentIndex(files.isEmpty() || noneText.isEmpty() ? 0 : 1);
    auto* browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, &ArtifactCombo::browse);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(combo_, 1);
    layout->addWidget(browse);
}

QString ArtifactCombo::path() const
{
    return combo_->currentData().toString();
}

void ArtifactCombo::setPath(const QString& path)
{
    int index = combo_->findData(path);
    if (index < 0) {
        //: A file in a list: %1 is its name, %2 its folder
        combo_->addItem(tr("%1 (%2)").arg(QFileInfo(path).fileName(),
                                          QDir::toNativeSeparators(QFileInfo(path).absolutePath())),
                        path);
        index = combo_->count() - 1;
    }
    combo_->setCurrentIndex(index);
}

void ArtifactCombo::browse()
{
    const QString chosen = QFileDialog::getOpenFileName(this, tr("Choose a File"), QFileInfo(path()).absolutePath(), filter_);
    if (!chosen.isEmpty())
        setPath(chosen);
}

} // namespace foldwise::gui
