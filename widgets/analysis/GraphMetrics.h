#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace foldwise::gui {

class GraphPage;
class LayerAnalysis;

// Hands the analysis's per-layer figures to the graph as node metrics (sparsity, window
// sparsity, cycles, share of the interval, DSP, BRAM) and outlines the bottleneck; metrics the
// analysis does not have are removed again.
class GraphMetrics {
    Q_DECLARE_TR_FUNCTIONS(GraphMetrics)

public:
    GraphMetrics() = delete;

    static void apply(GraphPage& graph, const LayerAnalysis* analysis);
    // The metric names apply() may add, translated.
    static QStringList names();
    static QString sparsityName();
    static QString windowSparsityName();
    static QString cyclesName();
    static QString intervalShareName();
    static QString dspName();
    static QString bramName();
};

} // namespace foldwise::gui
