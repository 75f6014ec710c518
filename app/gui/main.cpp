// foldwise: the desktop workbench.
//   foldwise [MODEL | PROJECT.foldwise] [--lang CODE] [--screenshot OUT.png [--view layers|graph|sparsity|hardware|sweep] [--colour-by METRIC]]
//            [--analysis PROFILE|DESIGN|RUNDIR|example ...] [--iteration N] [--compare N] [--layer NAME]

#include "LayersPage.h"
#include "MainWindow.h"
#include "ModelDocument.h"
#include "Preferences.h"
#include "Resources.h"
#include "Translations.h"
#include "analysis/AnalysisDocument.h"
#include "analysis/AnalysisPages.h"
#include "graph/GraphPage.h"
#include "graph/HardwareSupportCheck.h"

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
#include <utility>

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
    QString analysisPage; // "sparsity", "hardware" or "sweep"; empty: layers or graph
    QString layer;        // the layer to select; empty: the first convolution
    QString checkHardware; // graph: mark the nodes this style ("fpgaconvnet", "finn") cannot build
};

// The index of the layer named `name`, or -1.
int layerNamed(const foldwise::gui::ModelDocument& document, const QString& name)
{
    const auto summary = document.summary();
    for (std::size_t i = 0; summary && i < summary->layers.size(); ++i)
        if (QString::fromStdString(summary->layers[i].name) == name)
            return static_cast<int>(i);
    return -1;
}

// What --analysis, --iteration and --compare ask to open once the model is there.
struct AnalysisOptions {
    QStringList paths; // profiles, designs, run-log folders; "example" for the example's sweep
    int iteration = -1;
    int compare = -1;
};

// Opens the analysis files; false with the first error in *failure.
bool openAnalysis(foldwise::gui::AnalysisPages& pages, const AnalysisOptions& options, QString* failure)
{
    foldwise::gui::AnalysisDocument* document = pages.document();
    const auto connection = QObject::connect(document, &foldwise::gui::AnalysisDocument::loadFailed, document,
                                             [failure](const QString&, const QString& message) { *failure = message; });
    bool ok = true;
    for (const QString& path : options.paths) {
        ok = path == QLatin1String("example") ? document->openBundledExampleRunLog() : document->open(path);
        if (!ok)
            break;
    }
    if (ok && options.iteration >= 0)
        document->setIteration(options.iteration);
    if (ok && options.compare >= 0)
        document->setCompareIteration(options.compare);
    QObject::disconnect(connection);
    return ok;
}

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
int takeScreenshot(foldwise::gui::MainWindow& window, foldwise::gui::AnalysisPages& pages, const QString& model,
                   const ScreenshotOptions& options, const AnalysisOptions& analysis)
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
    if (!openAnalysis(pages, analysis, &failure)) {
        printError(failure);
        return 1;
    }
    window.resize(1400, 850);
    if (options.graph)
        window.showGraphTab();
    else if (!options.analysisPage.isEmpty())
        pages.showPage(options.analysisPage);
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
        if (!options.checkHardware.isEmpty()) {
            const QString style = options.checkHardware.toLower();
            if (style != QLatin1String("fpgaconvnet") && style != QLatin1String("finn")) {
                printError(CommandLine::tr("Unknown hardware style \"%1\"; use \"fpgaconvnet\" or \"finn\"").arg(options.checkHardware));
                return 1;
            }
            graph->hardwareCheck()->setStyle(style == QLatin1String("finn") ? foldwise::HardwareStyle::Finn
                                                                            : foldwise::HardwareStyle::FpgaConvNet);
        }
    }
    if (!options.layer.isEmpty()) {
        if (!window.layersPage()->selectLayer(layerNamed(*window.document(), options.layer))) {
            printError(CommandLine::tr("The model has no layer named \"%1\"").arg(options.layer));
            return 1;
        }
    } else if (!window.layersPage()->selectFirstLayerOfKind(foldwise::LayerKind::Convolution)) {
        window.layersPage()->selectFirstRow();
    }
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

    // --lang wins over the language chosen in Edit > Preferences.
    QString language = languageArgument(QCoreApplication::arguments());
    if (language.isEmpty())
        language = foldwise::gui::preferences::language();
    if (!foldwise::gui::installTranslations(app, language) && !language.isEmpty())
        printError(CommandLine::tr("No translation for language \"%1\"; using English").arg(language));
    QApplication::setWindowIcon(foldwise::gui::resources::applicationIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        CommandLine::tr("Workbench for tuning CNNs for streaming FPGA accelerators"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(CommandLine::tr("MODEL"),
                                 CommandLine::tr("ONNX model or Foldwise project (.foldwise) to open (default: the bundled example model)"),
                                 CommandLine::tr("[MODEL]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"), CommandLine::tr("Open the model, save a picture of the window to FILE and quit."),
        CommandLine::tr("FILE"));
    const QCommandLineOption languageOption(
        QStringLiteral("lang"), CommandLine::tr("User interface language, e.g. \"de\" (default: the system's)."),
        CommandLine::tr("CODE"));
    const QCommandLineOption viewOption(
        QStringLiteral("view"), CommandLine::tr("With --screenshot: the page to show, \"layers\" (default), \"graph\", \"sparsity\", "
                                        "\"hardware\" or \"sweep\"."),
        CommandLine::tr("PAGE"), QStringLiteral("layers"));
    const QCommandLineOption analysisOption(
        QStringLiteral("analysis"),
        CommandLine::tr("Open an activation profile, a design or a sweep run directory for the model (repeatable); "
                        "\"example\" opens the example model's sweep."),
        CommandLine::tr("PATH"));
    const QCommandLineOption layerOption(
        QStringLiteral("layer"), CommandLine::tr("With --screenshot: the layer to select (default: the first convolution)."),
        CommandLine::tr("NAME"));
    const QCommandLineOption iterationOption(
        QStringLiteral("iteration"), CommandLine::tr("With a run log: show iteration N."), CommandLine::tr("N"));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"), CommandLine::tr("With a run log: compare the shown iteration with iteration N."),
        CommandLine::tr("N"));
    const QCommandLineOption colourOption(
        QStringLiteral("colour-by"),
        CommandLine::tr("With --screenshot --view graph: colour the nodes by a metric, e.g. \"MACs\"."),
        CommandLine::tr("METRIC"));
    const QCommandLineOption checkOption(
        QStringLiteral("check-hardware"),
        CommandLine::tr("With --screenshot --view graph: mark the nodes a hardware style cannot build, \"fpgaconvnet\" or \"finn\"."),
        CommandLine::tr("STYLE"));
    parser.addOption(screenshotOption);
    parser.addOption(checkOption);
    parser.addOption(viewOption);
    parser.addOption(colourOption);
    parser.addOption(analysisOption);
    parser.addOption(iterationOption);
    parser.addOption(layerOption);
    parser.addOption(compareOption);
    parser.addOption(languageOption);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        printError(CommandLine::tr("Only one model can be opened at a time."));
        parser.showHelp(1);
    }
    const QString model = positional.value(0);

    const QString view = parser.value(viewOption);
    const bool analysisView = foldwise::gui::AnalysisPages::pageNames().contains(view);
    if (view != QLatin1String("layers") && view != QLatin1String("graph") && !analysisView) {
        printError(CommandLine::tr("Unknown page \"%1\"; use \"layers\", \"graph\", \"sparsity\", \"hardware\" or \"sweep\".")
                       .arg(view));
        return 1;
    }
    AnalysisOptions analysis;
    analysis.paths = parser.values(analysisOption);
    for (auto [option, target] : {std::pair{&iterationOption, &analysis.iteration}, std::pair{&compareOption, &analysis.compare}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *target = parser.value(*option).toInt(&ok);
        if (!ok || *target < 0) {
            printError(CommandLine::tr("--%1 needs an iteration number, not \"%2\"").arg(option->names().first(), parser.value(*option)));
            return 1;
        }
    }

    foldwise::gui::MainWindow window;
    foldwise::gui::AnalysisPages* pages = foldwise::gui::installAnalysisPages(window);
    if (parser.isSet(screenshotOption))
        return takeScreenshot(window, *pages, model,
                              {parser.value(screenshotOption), view == QLatin1String("graph"), parser.value(colourOption),
                               analysisView ? view : QString(), parser.value(layerOption), parser.value(checkOption)},
                              analysis);

    window.restoreLayout();
    window.show();
    const bool opened = model.isEmpty() ? window.openBundledExample() : window.openFile(model);
    QString failure;
    if (opened && !openAnalysis(*pages, analysis, &failure))
        printError(failure);
    return QApplication::exec();
}
