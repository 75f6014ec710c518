#pragma once

#include <QString>

namespace foldwise::gui {

// The user's preferences, kept in QSettings and edited in Edit > Preferences.
namespace preferences {

// The user interface language: "" (the system's), "en" or "de". Read by the GUI's main() before
// any window exists, so a change applies at the next start.
QString language();
void setLanguage(const QString& code);

// Tasks running at once (TaskManager::setMaxConcurrent); 1 by default.
int concurrentTasks();
void setConcurrentTasks(int count);

// Seconds between autosaves of a modified project.
int autosaveSeconds();
void setAutosaveSeconds(int seconds);

} // namespace preferences
} // namespace foldwise::gui
