#include "plots/ThresholdCurvePlot.h"

#include "layers/ModelSummary.h"
#include "plots/PlotStyle.h"
#include "sweep/RunDirectory.h"

#include <qcustomplot.h>

#include <cmath>
#include <limits>

namespace foldwise::gui::plots {

ThresholdCurvePlot::ThresholdCurvePlot(QWidget* parent)
    : PlotWidget(tr("Threshold to sparsity"), parent)
{
    QCustomPlot* p = plot();
    style::applyDefaults(p);
    network_ = p->addGraph();
    network_->setName(tr("Network sparsity"));
    network_->setPen(QPen(Qt::black, 2.5));
    network_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    currentLine_ = new QCPItemStraightLine(p);
    currentLine_->setPen(QPen(style::highlight(), 2));
    comparedLine_ = new QCPItemStraightLine(p);
    comparedLine_->setPen(QPen(style::highlight(), 1.5, Qt::DashLine));
    p->xAxis->setLabel(tr("ReLU threshold"));
    p->yAxis->setLabel(tr("Sparsity"));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    setHasData(false, tr("Open a sweep run log (Analysis > Open Run Log…) to see how the thresholds raise the sparsity."));
}

void ThresholdCurvePlot::setRunLog(std::shared_ptr<const sweep::RunDirectory> run, std::shared_ptr<const ModelSummary> summary)
{
    run_ = std::move(run);
    summary_ = std::move(summary);
    for (QCPGraph* g : layerGraphs_)
        plot()->removeGraph(g);
    layerGraphs_.clear();
    graphLayers_.clear();
    network_->data()->clear();
    if (run_ && !run_->log.iterations.empty()) {
        // Layers in the order of the first iteration with sparsity rows.
        std::vector<std::string> names;
        for (const RunIteration& it : run_->log.iterations)
            if (names.empty())
                for (const SparsityRow& r : it.sparsity)
                    names.push_back(r.layer);
        for (std::size_t i = 0; i < names.size(); ++i) {
            QCPGraph* g = plot()->addGraph();
            g->setName(style::shortLayerName(names[i]));
            g->setPen(QPen(style::series(static_cast<int>(i)), 1.5));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
            for (const RunIteration& it : run_->log.iterations)
                for (const SparsityRow& r : it.sparsity)
                    if (r.layer == names[i])
                        g->addData(it.meanThreshold(), r.avgSparsity);
            int layer = -1;
            if (summary_)
                for (std::size_t l = 0; l < summary_->layers.size(); ++l)
                    if (summary_->layers[l].name == names[i])
                        layer = static_cast<int>(l);
            layerGraphs_.push_back(g);
            graphLayers_.push_back(layer);
        }
        // Many layers would bury the curves under the legend; their tooltips name them.
        if (layerGraphs_.size() > 8)
            for (QCPGraph* g : layerGraphs_)
                g->removeFromLegend();
        for (const RunIteration& it : run_->log.iterations)
            network_->addData(it.meanThreshold(), it.networkSparsity);
    }
    setHasData(run_ && !run_->log.iterations.empty(),
               tr("Open a sweep run log (Analysis > Open Run Log…) to see how the thresholds raise the sparsity."));
    currentLayerChanged();
    fitAxes();
    plot()->yAxis->setRange(0, 1.05);
    replotLater();
}

void ThresholdCurvePlot::placeLine(QCPItemStraightLine* line, int iteration)
{
    const RunIteration* found = nullptr;
    if (run_)
        for (const RunIteration& it : run_->log.iterations)
            if (it.index == iteration)
                found = &it;
    line->setVisible(found != nullptr);
    if (found) {
        const double x = found->meanThreshold();
        line->point1->setCoords(x, 0);
        line->point2->setCoords(x, 1);
    }
}

void ThresholdCurvePlot::setIterations(int current, int compared)
{
    placeLine(currentLine_, current);
    placeLine(comparedLine_, compared);
    replotLater();
}

void ThresholdCurvePlot::currentLayerChanged()
{
    for (std::size_t i = 0; i < layerGraphs_.size(); ++i) {
        QPen pen = layerGraphs_[i]->pen();
        const bool selected = graphLayers_[i] >= 0 && graphLayers_[i] == currentLayer();
        pen.setWidthF(selected ? 3.5 : 1.5);
        layerGraphs_[i]->setPen(pen);
    }
    replotLater();
}

std::pair<QCPGraph*, int> ThresholdCurvePlot::pointNear(const QPointF& coords) const
{
    const double px = plot()->xAxis->coordToPixel(coords.x());
    const double py = plot()->yAxis->coordToPixel(coords.y());
    std::pair<QCPGraph*, int> best{nullptr, -1};
    double bestDistance = 8; // pixels
    for (int g = 0; g < plot()->graphCount(); ++g) {
        QCPGraph* graph = plot()->graph(g);
        for (int i = 0; i < graph->dataCount(); ++i) {
            const auto point = graph->data()->at(i);
            const double d = std::hypot(plot()->xAxis->coordToPixel(point->key) - px, plot()->yAxis->coordToPixel(point->value) - py);
            if (d < bestDistance) {
                bestDistance = d;
                best = {graph, i};
            }
        }
    }
    return best;
}

QString ThresholdCurvePlot::toolTipAt(const QPointF& coords) const
{
    const auto [graph, index] = pointNear(coords);
    if (!graph)
        return {};
    const auto point = graph->data()->at(index);
    return tr("<b>%1</b><br>threshold %2: sparsity %3")
        .arg(graph->name().toHtmlEscaped(), style::number(point->key), style::percent(point->value));
}

int ThresholdCurvePlot::layerAt(const QPointF& coords) const
{
    const QCPGraph* graph = pointNear(coords).first;
    for (std::size_t i = 0; i < layerGraphs_.size(); ++i)
        if (layerGraphs_[i] == graph)
            return graphLayers_[i];
    return -1;
}

} // namespace foldwise::gui::plots
