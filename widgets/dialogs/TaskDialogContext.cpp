#include "dialogs/TaskDialogContext.h"

#include <QDir>
#include <QFileInfo>

namespace foldwise::gui {

QString TaskDialogContext::uniquePath(const QString& what, const QString& suffix) const
{
    const QDir folder(outputFolder);
    const QString dot = suffix.isEmpty() ? QString() : QStringLiteral(".") + suffix;
    const QString base = stem + QLatin1Char('_') + what;
    QString candidate = folder.filePath(base + dot);
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = folder.filePath(QStringLiteral("%1_%2%3").arg(base).arg(n).arg(dot));
    return candidate;
}

} // namespace foldwise::gui
