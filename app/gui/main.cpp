// foldwise: the desktop workbench.
//   foldwise [MODEL] [--lang CODE] [--screenshot OUT.png [--view layers|graph] [--colour-by METRIC]]

#include "LayersPage.h"
#include "MainWindow.h"
#include "ModelDocument.h"
#include "Resources.h"
#include "Translations.h"
#include "graph/GraphPage.h"

#include <QApplication>
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QStringList>
#include <QTextStream>
#include <QTimer>

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

struct ScreenshotOptions {
    QString output;
    bool graph = false;   // the graph tab instead of the layer table
    QString colourBy;     // graph node colouring metric; empty: by op kind
};

// Waits (at most `seconds`) for the graph page's layout to be on screen.
bool waitForGraph(foldwise::gui::GraphPage* page, int seconds)
{
    if (page->isLayoutReady())
        return true;
    QEventLoop loop;
    QObject::connect(page, &foldwise::gui::GraphPage::layoutReady, &loop, &QEventLoop::quit);
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    return page->isLayoutReady();
}

// Loads the model, shows the window at a fixed size with the first convolution selected and
// saves a picture of it. Returns the process exit code.
int takeScreenshot(foldwise::gui::MainWindow& window, const QString& model, const ScreenshotOptions& options)
{
    const QString& output = options.output;
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
    if (options.graph)
        window.showGraphTab();
    window.show();
    if (options.graph) {
        foldwise::gui::GraphPage* graph = window.graphPage();
        if (!waitForGraph(graph, 60)) {
            printError(CommandLine::tr("The graph was not laid out within a minute"));
            return 1;
        }
        if (!options.colourBy.isEmpty()) {
            if (!graph->metricNames().contains(options.colourBy)) {
                printError(CommandLine::tr("Unknown metric \"%1\"; the model has: %2")
                               .arg(options.colourBy, graph->metricNames().join(QLatin1String(", "))));
                return 1;
            }
            graph->setColourMetric(options.colourBy);
        }
    }
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
    const QCommandLineOption viewOption(
        QStringLiteral("view"), CommandLine::tr("With --screenshot: the page to show, \"layers\" (default) or \"graph\"."),
        CommandLine::tr("PAGE"), QStringLiteral("layers"));
    const QCommandLineOption colourOption(
        QStringLiteral("colour-by"),
        CommandLine::tr("With --screenshot --view graph: colour the nodes by a metric, e.g. \"MACs\"."),
        CommandLine::tr("METRIC"));
    parser.addOption(screenshotOption);
    parser.addOption(viewOption);
    parser.addOption(colourOption);
    parser.addOption(languageOption);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        printError(CommandLine::tr("Only one model can be opened at a time."));
        parser.showHelp(1);
    }
    const QString model = positional.value(0);

    const QString view = parser.value(viewOption);
    if (view != QLatin1String("layers") && view != QLatin1String("graph")) {
        printError(CommandLine::tr("Unknown page \"%1\"; use \"layers\" or \"graph\".").arg(view));
        return 1;
    }

    foldwise::gui::MainWindow window;
    if (parser.isSet(screenshotOption))
        return takeScreenshot(window, model,
                              {parser.value(screenshotOption), view == QLatin1String("graph"), parser.value(colourOption)});

    window.restoreLayout();
    window.show();
    if (model.isEmpty())
        window.openBundledExample();
    else
        window.openFile(model);
    return QApplication::exec();
}
