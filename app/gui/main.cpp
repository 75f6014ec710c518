// foldwise: the desktop workbench.
//   foldwise [MODEL] [--lang CODE] [--screenshot OUT.png]

#include "LayersPage.h"
#include "MainWindow.h"
#include "ModelDocument.h"
#include "Resources.h"
#include "Translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QPixmap>
#include <QStringList>
#include <QTextStream>

#include <cstdio>

namespace {

// --lang has to be known before the parser's texts are built, so it is read ahead of the
// full parse ("--lang de" or "--lang=de").
QString languageArgument(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == QLatin1String("--"))
            break;
        if (argument == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (argument.startsWith(QLatin1String("--lang=")))
            return argument.mid(7);
    }
    return {};
}

void printError(const QString& message)
{
    QTextStream(stderr) << message << Qt::endl;
}

// Translation context for the command line's texts.
class CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// Loads the model, shows the window at a fixed size with the first convolution selected and
// saves a picture of it. Returns the process exit code.
int takeScreenshot(foldwise::gui::MainWindow& window, const QString& model, const QString& output)
{
    window.setErrorDialogsEnabled(false);
    QString failure;
    QObject::connect(window.document(), &foldwise::gui::ModelDocument::loadFailed, &window,
                     [&failure](const QString&, const QString& message) { failure = message; });
    const bool loaded = model.isEmpty() ? window.openBundledExample() : window.openFile(model);
    if (!loaded) {
        printError(failure);
        return 1;
    }
    window.resize(1400, 850);
    window.show();
    if (!window.layersPage()->selectFirstLayerOfKind(foldwise::LayerKind::Convolution))
        window.layersPage()->selectFirstRow();
    QCoreApplication::processEvents();
    if (!window.grab().save(output)) {
        printError(CommandLine::tr("Cannot write the screenshot to %1").arg(QDir::toNativeSeparators(output)));
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Foldwise"));
    QCoreApplication::setApplicationName(QStringLiteral("Foldwise"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FOLDWISE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("foldwise"));

    const QString language = languageArgument(QCoreApplication::arguments());
    if (!foldwise::gui::installTranslations(app, language) && !language.isEmpty())
        printError(CommandLine::tr("No translation for language \"%1\"; using English").arg(language));
    QApplication::setWindowIcon(foldwise::gui::resources::applicationIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        CommandLine::tr("Workbench for tuning CNNs for streaming FPGA accelerators"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(CommandLine::tr("MODEL"),
                                 CommandLine::tr("ONNX model to open (default: the bundled example model)"),
                                 CommandLine::tr("[MODEL]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"), CommandLine::tr("Open the model, save a picture of the window to FILE and quit."),
        CommandLine::tr("FILE"));
    const QCommandLineOption languageOption(
        QStringLiteral("lang"), CommandLine::tr("User interface language, e.g. \"de\" (default: the system's)."),
        CommandLine::tr("CODE"));
    parser.addOption(screenshotOption);
    parser.addOption(languageOption);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        printError(CommandLine::tr("Only one model can be opened at a time."));
        parser.showHelp(1);
    }
    const QString model = positional.value(0);

    foldwise::gui::MainWindow window;
    if (parser.isSet(screenshotOption))
        return takeScreenshot(window, model, parser.value(screenshotOption));

    window.restoreLayout();
    window.show();
    if (model.isEmpty())
        window.openBundledExample();
    else
        window.openFile(model);
    return QApplication::exec();
}
