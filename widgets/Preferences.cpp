#include "Preferences.h"

#include "project/ProjectAutosaver.h"

#include <QSettings>

#include <algorithm>

namespace foldwise::gui::preferences {
namespace {

const QString kLanguageKey = QStringLiteral("preferences/language");
const QString kConcurrentTasksKey = QStringLiteral("preferences/concurrentTasks");
const QString kAutosaveKey = QStringLiteral("preferences/autosaveSeconds");

} // namespace

QString language()
{
    return QSettings().value(kLanguageKey).toString();
}

void setLanguage(const QString& code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(kLanguageKey);
    else
        settings.setValue(kLanguageKey, code);
}

int concurrentTasks()
{
    return std::clamp(QSettings().value(kConcurrentTasksKey, 1).toInt(), 1, 16);
}

void setConcurrentTasks(int count)
{
    QSettings().setValue(kConcurrentTasksKey, count);
}

int autosaveSeconds()
{
    return std::clamp(QSettings().value(kAutosaveKey, ProjectAutosaver::kDefaultIntervalSeconds).toInt(), 5, 3600);
}

void setAutosaveSeconds(int seconds)
{
    QSettings().setValue(kAutosaveKey, seconds);
}

} // namespace foldwise::gui::preferences
