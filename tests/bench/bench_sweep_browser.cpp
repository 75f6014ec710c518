// Sweep browser benchmark: the time one step of a sweep takes to redraw, on every page (layer
// table, graph coloured by cycles, the Sparsity, Hardware and Sweep pages), for the bundled
// example's sweep and for a resnet18 sweep made here with foldwise-cli (a few iterations on
// synthetic data). A step is setIteration() plus the queued replots and the repaint of the
// visible page. Built, not run by CTest:
//   QT_QPA_PLATFORM=offscreen build/release/bin/bench_sweep_browser [STEPS_PER_PAGE]
// Target: the median step under 100 ms on every page.

#include "LayersPage.h"
#include "MainWindow.h"
#include "analysis/AnalysisDocument.h"
#include "analysis/AnalysisPages.h"
#include "analysis/GraphMetrics.h"
#include "analysis/IterationCache.h"
#include "graph/GraphPage.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace foldwise::gui;

namespace {

struct PageTiming {
    QString page;
    double medianMs = 0;
    double maxMs = 0;
};

// Makes a small resnet18 sweep run directory with the CLI beside this program.
bool makeResnetSweep(const QString& model, const QString& runDir, QTextStream& out)
{
    QProcess cli;
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(QCoreApplication::applicationDirPath() + QStringLiteral("/foldwise-cli"),
              {QStringLiteral("sweep"), model, QStringLiteral("--data"), QStringLiteral("synthetic:4:1"),
               QStringLiteral("--platform"), QStringLiteral("zcu102"), QStringLiteral("--iterations"), QStringLiteral("6"),
               QStringLiteral("--increment"), QStringLiteral("0.05"), QStringLiteral("-o"), runDir});
    if (!cli.waitForFinished(600'000) || cli.exitCode() != 0) {
        out << "foldwise-cli sweep failed:\n" << cli.readAll() << '\n';
        return false;
    }
    return true;
}

std::vector<PageTiming> measure(MainWindow& window, AnalysisPages& pages, int steps)
{
    AnalysisDocument* document = pages.document();
    const int n = static_cast<int>(document->runLog()->log.iterations.size());
    std::vector<PageTiming> result;
    const auto stepThrough = [&](const QString& page) {
        QCoreApplication::processEvents();
        std::vector<double> times;
        for (int step = 1; step <= steps; ++step) {
            QElapsedTimer timer;
            timer.start();
            document->setIteration(step % n);
            QCoreApplication::processEvents();
            window.centralTabs()->currentWidget()->repaint();
            times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(times.begin(), times.end());
        result.push_back({page, times[times.size() / 2], times.back()});
    };
    window.showLayersTab();
    stepThrough(QStringLiteral("layers"));
    window.showGraphTab();
    window.graphPage()->setColourMetric(GraphMetrics::cyclesName());
    stepThrough(QStringLiteral("graph (cycles)"));
    for (const QString& page : AnalysisPages::pageNames()) {
        pages.showPage(page);
        stepThrough(page);
    }
    return result;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FoldwiseBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_sweep_browser"));
    const int steps = argc > 1 ? std::max(2, QString::fromLocal8Bit(argv[1]).toInt()) : 40;
    QTextStream out(stdout);

    QTemporaryDir dir;
    const QString resnet = QStringLiteral(FOLDWISE_MODELS_DIR "/resnet18.onnx");
    const QString resnetRun = dir.filePath(QStringLiteral("resnet18_sweep"));
    const bool haveResnet = QFileInfo::exists(resnet) && makeResnetSweep(resnet, resnetRun, out);

    int failures = 0;
    out << QStringLiteral("%1 %2 %3 %4\n")
               .arg(QStringLiteral("sweep"), -10)
               .arg(QStringLiteral("page"), -16)
               .arg(QStringLiteral("median ms"), 10)
               .arg(QStringLiteral("max ms"), 8);
    for (const bool example : {true, false}) {
        if (!example && !haveResnet) {
            // The build writes resnet18 (target reference_models), so this is a failure.
            out << "resnet18: not present or its sweep failed\n";
            ++failures;
            continue;
        }
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        AnalysisPages* pages = installAnalysisPages(window);
        window.resize(1400, 850);
        window.show();
        if (!(example ? window.openBundledExample() : window.openFile(resnet))) {
            out << "cannot open the " << (example ? "example" : "resnet18") << " model\n";
            return 1;
        }
        // Opening shows the first iteration (its profile read, its design evaluated); the other
        // iterations are read in the background.
        QElapsedTimer clock;
        clock.start();
        if (!(example ? pages->document()->openBundledExampleRunLog() : pages->document()->openRunLog(resnetRun))) {
            out << "cannot open the " << (example ? "example" : "resnet18") << " sweep\n";
            return 1;
        }
        QCoreApplication::processEvents();
        const double openMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        pages->document()->cache()->waitForPrefetch();
        const double prefetchMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        out << (example ? "example" : "resnet18") << ": run log of "
            << pages->document()->runLog()->log.iterations.size() << " iterations open and shown in "
            << QString::number(openMs, 'f', 1) << " ms, every iteration loaded after "
            << QString::number(prefetchMs, 'f', 1) << " ms\n";
        window.layersPage()->selectFirstRow();
        for (const PageTiming& t : measure(window, *pages, steps)) {
            out << QStringLiteral("%1 %2 %3 %4%5\n")
                       .arg(example ? QStringLiteral("example") : QStringLiteral("resnet18"), -10)
                       .arg(t.page, -16)
                       .arg(t.medianMs, 10, 'f', 1)
                       .arg(t.maxMs, 8, 'f', 1)
                       .arg(t.medianMs <= 100 ? QString() : QStringLiteral("  (over the 100 ms target)"));
            failures += t.medianMs > 100;
        }
        out.flush();
    }
    return failures == 0 ? 0 : 2;
}
