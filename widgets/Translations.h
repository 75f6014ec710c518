#pragma once

#include <QString>

class QCoreApplication;

namespace foldwise::gui {

// Installs Foldwise's and Qt's translations for `language` (a locale name such as "de" or
// "de_DE"; empty: the system locale). A given language also becomes the default QLocale,
// so numbers are formatted to match. Returns false when Foldwise has no translation for
// the language (English needs none, and returns true).
bool installTranslations(QCoreApplication& app, const QString& language = {});

} // namespace foldwise::gui
