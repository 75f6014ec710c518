#include "plots/ThresholdCurvePlot.h"

#include "layers/ModelSummary.h"
#include "plots/PlotStyle.h"
#include "sweep/RunDirectory.h"

#include <qcustomplot.h>

namespace foldwise::gui::plots {

ThresholdCurvePlot::ThresholdCurvePlot(QWidget* parent)
    : RunLogPlot(tr("Threshold to sparsity"), parent)
{
    QCustomPlot* p = plot();
    network_ = style::lineGraph(p, QPen(Qt::black, 2.5), QCPScatterStyle(QCPScatterStyle::ssDisc, 6), tr("Network sparsity"));
    currentLine_ = style::straightLine(p, style::iterationPen(false));
    comparedLine_ = style::straightLine(p, style::iterationPen(true));
    p->xAxis->setLabel(tr("ReLU threshold"));
    p->yAxis->setLabel(tr("Sparsity"));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    setHasData(false, tr("Open a sweep run log (Analysis > Open Run Log…) to see how the thresholds raise the sparsity."));
}

void ThresholdCurvePlot::setRunLog(std::shared_ptr<const sweep::RunDirectory> run, std::shared_ptr<const ModelSummary> summary)
{
    summary_ = std::move(summary);
    RunLogPlot::setRunLog(std::move(run));
    plot()->yAxis->setRange(0, 1.05); // the whole sparsity range, not just the curves'
}

void ThresholdCurvePlot::rebuild()
{
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
            QCPGraph* g = style::lineGraph(plot(), QPen(style::series(static_cast<int>(i)), 1.5),
                                           QCPScatterStyle(QCPScatterStyle::ssCircle, 4), style::shortLayerName(names[i]));
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
}

void ThresholdCurvePlot::placeLine(QCPItemStraightLine* line, int index)
{
    const RunIteration* found = iteration(index);
    line->setVisible(found != nullptr);
    if (found)
        style::placeVertical(line, found->meanThreshold());
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
    std::pair<QCPGraph*, int> best{nullptr, -1};
    double distance = 8; // pixels
    for (int g = 0; g < plot()->graphCount(); ++g)
        if (const int i = style::nearestPoint(plot()->graph(g), coords, &distance); i >= 0)
            best = {plot()->graph(g), i};
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
