#include "dialogs/PathEdit.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace foldwise::gui {

PathEdit::PathEdit(Mode mode, QString filter, QWidget* parent)
    : QWidget(parent)
    , mode_(mode)
    , filter_(std::move(filter))
    , edit_(new QLineEdit(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit_, 1);
    if (mode_ != Mode::Folder) {
        auto* file = new QToolButton(this);
        file->setText(mode_ == Mode::FileOrFolder ? tr("File…") : tr("Browse…"));
        connect(file, &QToolButton::clicked, this, &PathEdit::browseFile);
        layout->addWidget(file);
    }
    if (mode_ == Mode::Folder || mode_ == Mode::FileOrFolder) {
        auto* folder = new QToolButton(this);
        folder->setText(mode_ == Mode::Folder ? tr("Browse…") : tr("Folder…"));
        connect(folder, &QToolButton::clicked, this, &PathEdit::browseFolder);
        layout->addWidget(folder);
    }
    connect(edit_, &QLineEdit::textChanged, this, &PathEdit::pathChanged);
}

QString PathEdit::path() const
{
    const QString text = edit_->text().trimmed();
    return text.startsWith(QLatin1String("synthetic:")) ? text : QDir::fromNativeSeparators(text);
}

void PathEdit::setPath(const QString& path)
{
    edit_->setText(path.startsWith(QLatin1String("synthetic:")) ? path : QDir::toNativeSeparators(path));
}

void PathEdit::setPlaceholderText(const QString& text)
{
    edit_->setPlaceholderText(text);
}

void PathEdit::browseFile()
{
    const QString start = path().isEmpty() ? QString() : QFileInfo(path()).absolutePath();
    const QString chosen = mode_ == Mode::SaveFile
        ? QFileDialog::getSaveFileName(this, tr("Choose a File"), path(), filter_)
        : QFileDialog::getOpenFileName(this, tr("Choose a File"), start, filter_);
    if (!chosen.isEmpty())
        setPath(chosen);
}

void PathEdit::browseFolder()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose a Folder"), path());
    if (!chosen.isEmpty())
        setPath(chosen);
}

} // namespace foldwise::gui
