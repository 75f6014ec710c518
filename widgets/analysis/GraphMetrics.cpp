#include "analysis/GraphMetrics.h"

#include "analysis/LayerAnalysis.h"
#include "graph/GraphPage.h"

#include <QHash>

#include <functional>
#include <optional>

namespace foldwise::gui {

QString GraphMetrics::sparsityName() { return tr("Sparsity"); }
QString GraphMetrics::windowSparsityName() { return tr("Window sparsity"); }
QString GraphMetrics::cyclesName() { return tr("Cycles"); }
QString GraphMetrics::intervalShareName() { return tr("Share of interval"); }
QString GraphMetrics::dspName() { return tr("DSP"); }
QString GraphMetrics::bramName() { return tr("BRAM"); }

QStringList GraphMetrics::names()
{
    return {sparsityName(), windowSparsityName(), cyclesName(), intervalShareName(), dspName(), bramName()};
}

void GraphMetrics::apply(GraphPage& graph, const LayerAnalysis* analysis)
{
    using Value = std::function<std::optional<double>(int layer)>;
    const auto set = [&graph, analysis](const QString& name, bool available, const Value& value) {
        if (!available || !analysis) {
            if (graph.metricNames().contains(name))
                graph.removeNodeMetric(name);
            return;
        }
        QHash<QString, double> values;
        for (int layer = 0; layer < analysis->layerCount(); ++layer)
            if (const auto v = value(layer))
                values.insert(QString::fromStdString(analysis->summary()->layers[static_cast<std::size_t>(layer)].name), *v);
        graph.setNodeMetric(name, values);
    };
    const bool profile = analysis && analysis->profile();
    const bool design = analysis && analysis->design();
    set(sparsityName(), profile, [analysis](int l) { return analysis->row(l).sparsity; });
    set(windowSparsityName(), profile, [analysis](int l) { return analysis->row(l).windowSparsity; });
    set(cyclesName(), design, [analysis](int l) {
        const LayerEstimate* e = analysis->estimate(l);
        return e ? std::optional(e->cycles) : std::nullopt;
    });
    set(intervalShareName(), design, [analysis](int l) {
        const int h = analysis->row(l).hardwareLayer;
        return h >= 0 ? std::optional(analysis->intervalShare(h)) : std::nullopt;
    });
    set(dspName(), design, [analysis](int l) {
        const LayerEstimate* e = analysis->estimate(l);
        return e ? std::optional(e->resources.dsp) : std::nullopt;
    });
    set(bramName(), design, [analysis](int l) {
        const LayerEstimate* e = analysis->estimate(l);
        return e ? std::optional(e->resources.bram18) : std::nullopt;
    });
    const int bottleneck = design ? analysis->bottleneckLayer() : -1;
    graph.setBottleneck(bottleneck >= 0 ? QString::fromStdString(analysis->summary()->layers[static_cast<std::size_t>(bottleneck)].name)
                                        : QString());
}

} // namespace foldwise::gui
