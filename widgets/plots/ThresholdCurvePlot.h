#pragma once

#include "plots/PlotWidget.h"

#include <memory>
#include <vector>

class QCPGraph;
class QCPItemStraightLine;

namespace foldwise {
struct ModelSummary;
}

namespace foldwise::gui::plots {

// Threshold to sparsity over a run log: the network sparsity and each convolution's average
// sparsity (its sparsity log row) against the iteration's ReLU threshold (the mean over the
// ReLUs when they differ, e.g. the slowest-node policy). The current iteration is a vertical
// line, the compared one a dashed line; the selected layer's curve is drawn bold.
class ThresholdCurvePlot : public RunLogPlot {
    Q_OBJECT

public:
    explicit ThresholdCurvePlot(QWidget* parent = nullptr);

    // `summary` names the model's layers, for selecting them.
    void setRunLog(std::shared_ptr<const sweep::RunDirectory> run, std::shared_ptr<const ModelSummary> summary);
    void setIterations(int current, int compared) override;

    QCPGraph* networkGraph() const { return network_; }
    // One per layer with sparsity rows, in the first iteration's row order.
    const std::vector<QCPGraph*>& layerGraphs() const { return layerGraphs_; }

    QString toolTipAt(const QPointF& coords) const override;
    int layerAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void currentLayerChanged() override;

private:
    // The graph and data index of the point nearest to `coords`, within a few pixels.
    std::pair<QCPGraph*, int> pointNear(const QPointF& coords) const;
    void placeLine(QCPItemStraightLine* line, int index);

    std::shared_ptr<const ModelSummary> summary_;
    QCPGraph* network_;
    std::vector<QCPGraph*> layerGraphs_;
    std::vector<int> graphLayers_; // model layer of each layer graph (-1 when not in the model)
    QCPItemStraightLine* currentLine_;
    QCPItemStraightLine* comparedLine_;
};

} // namespace foldwise::gui::plots
