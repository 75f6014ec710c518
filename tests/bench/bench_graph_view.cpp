// Graph view benchmark: for resnet18 and a generated 2,000-node chain, the time from opening
// the model to the first painted graph page (load + summary + display graph + Graphviz layout
// on the worker + scene + first paint), best of several runs. Built, not run by CTest:
//   QT_QPA_PLATFORM=offscreen build/release/bin/bench_graph_view [RUNS]
// Targets: resnet18 under 1 s, the 2,000-node chain under 3 s.

#include "ChainModel.h"
#include "MainWindow.h"
#include "graph/GraphPage.h"
#include "graph/GraphScene.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace {

struct Timing {
    double openSeconds = 0;   // load and summarise (ModelDocument)
    double layoutSeconds = 0; // until the layout is on screen
    double paintSeconds = 0;  // the first paint of the page
    double graphvizSeconds = 0;
    qsizetype items = 0;
    double total() const { return openSeconds + layoutSeconds + paintSeconds; }
};

bool measure(const QString& path, bool fold, Timing& timing)
{
    foldwise::gui::MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.resize(1400, 850);
    window.showGraphTab();
    window.show();
    foldwise::gui::GraphPage* page = window.graphPage();
    page->setChainFolding(fold);
    QCoreApplication::processEvents();

    QElapsedTimer clock;
    clock.start();
    if (!window.openFile(path))
        return false;
    timing.openSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    clock.restart();
    if (!page->isLayoutReady()) {
        QEventLoop loop;
        QObject::connect(page, &foldwise::gui::GraphPage::layoutReady, &loop, &QEventLoop::quit);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!page->isLayoutReady())
        return false;
    timing.layoutSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    clock.restart();
    const QPixmap picture = page->grab(); // renders the page as the screen would
    timing.paintSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    timing.graphvizSeconds = page->lastLayoutSeconds();
    timing.items = page->scene()->items().size();
    return !picture.isNull();
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FoldwiseBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_graph_view"));
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3;
    QTextStream out(stdout);

    QTemporaryDir dir;
    const QString chain = dir.filePath(QStringLiteral("chain2000.onnx"));
    fixtures::saveChainModel(chain.toStdString(), 2000);
    struct Case {
        QString label;
        QString path;
        bool fold;
        double target;
    };
    const QList<Case> cases{
        {QStringLiteral("resnet18"), QStringLiteral(FOLDWISE_MODELS_DIR "/resnet18.onnx"), true, 1.0},
        {QStringLiteral("chain2000 (folded)"), chain, true, 3.0},
        {QStringLiteral("chain2000 (unfolded)"), chain, false, 3.0},
    };

    int failures = 0;
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(QStringLiteral("model"), -22)
               .arg(QStringLiteral("open s"), 8)
               .arg(QStringLiteral("layout s"), 9)
               .arg(QStringLiteral("(dot s)"), 8)
               .arg(QStringLiteral("paint s"), 8)
               .arg(QStringLiteral("total s"), 8)
               .arg(QStringLiteral("items"), 6);
    for (const Case& c : cases) {
        if (!QFileInfo::exists(c.path)) {
            // The build writes resnet18 (target reference_models): missing means a broken build.
            out << c.label << ": " << c.path << " not present\n";
            ++failures;
            continue;
        }
        Timing best;
        double bestTotal = std::numeric_limits<double>::max();
        for (int run = 0; run < runs; ++run) {
            Timing t;
            if (!measure(c.path, c.fold, t)) {
                out << c.label << ": failed to open or lay out\n";
                return 1;
            }
            if (t.total() < bestTotal) {
                bestTotal = t.total();
                best = t;
            }
        }
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7%8\n")
                   .arg(c.label, -22)
                   .arg(best.openSeconds, 8, 'f', 3)
                   .arg(best.layoutSeconds, 9, 'f', 3)
                   .arg(best.graphvizSeconds, 8, 'f', 3)
                   .arg(best.paintSeconds, 8, 'f', 3)
                   .arg(best.total(), 8, 'f', 3)
                   .arg(best.items, 6)
                   .arg(best.total() <= c.target ? QString() : QStringLiteral("  (over the %1 s target)").arg(c.target));
        out.flush();
        if (best.total() > c.target && c.fold)
            ++failures;
    }
    return failures == 0 ? 0 : 2;
}
