#include "RecentFilesMenu.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace foldwise::gui {
namespace {

const QString kSettingsKey = QStringLiteral("recentFiles");

} // namespace

RecentFilesMenu::RecentFilesMenu(QWidget* parent)
    : RecentFilesMenu(tr("Open &Recent"), kSettingsKey, parent)
{
}

RecentFilesMenu::RecentFilesMenu(const QString& title, const QString& settingsKey, QWidget* parent)
    : QMenu(title, parent)
    , settingsKey_(settingsKey)
{
    setToolTipsVisible(true);
    rebuild();
}

QStringList RecentFilesMenu::files() const
{
    return QSettings().value(settingsKey_).toStringList();
}

void RecentFilesMenu::setFiles(const QStringList& files)
{
    QSettings settings;
    if (files.isEmpty())
        settings.remove(settingsKey_);
    else
        settings.setValue(settingsKey_, files);
    rebuild();
}

void RecentFilesMenu::addFile(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxFiles)
        list.removeLast();
    setFiles(list);
}

void RecentFilesMenu::removeFile(const QString& path)
{
    QStringList list = files();
    if (list.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        setFiles(list);
}

void RecentFilesMenu::clearFiles()
{
    setFiles({});
}

void RecentFilesMenu::rebuild()
{
    clear();
    const QStringList list = files();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString& path = list[i];
        // Mnemonics 1..9 and 0 for the tenth entry.
        QString fileName = QFileInfo(path).fileName();
        fileName.replace(QLatin1Char('&'), QLatin1String("&&"));
        //: Recent file entry: %1 is the mnemonic digit, %2 the file name
        const QString text = tr("&%1 %2").arg((i + 1) % 10).arg(fileName);
        QAction* action = addAction(text);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { emit fileTriggered(path); });
    }
    if (!list.isEmpty())
        addSeparator();
    QAction* clearAction = addAction(tr("&Clear Menu"), this, &RecentFilesMenu::clearFiles);
    clearAction->setEnabled(!list.isEmpty());
}

} // namespace foldwise::gui
