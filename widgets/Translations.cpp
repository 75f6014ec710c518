#include "Translations.h"

#include "Resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace foldwise::gui {
namespace {

bool install(QCoreApplication& app, const QLocale& locale, const QString& name, const QString& directory)
{
    auto* translator = new QTranslator(&app);
    if (translator->load(locale, name, QStringLiteral("_"), directory) && app.installTranslator(translator))
        return true;
    delete translator;
    return false;
}

} // namespace

bool installTranslations(QCoreApplication& app, const QString& language)
{
    resources::init();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    // Qt's own strings (standard buttons, dialogs), when the distribution ships them.
    install(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    // The .qm files are embedded by qt_add_translations() under :/i18n.
    if (install(app, locale, QStringLiteral("foldwise"), QStringLiteral(":/i18n")))
        return true;
    return locale.language() == QLocale::English; // the source language needs none
}

} // namespace foldwise::gui
