#pragma once

#include "plots/PlotWidget.h"

class QCPGraph;
class QCPItemStraightLine;

namespace foldwise::gui::plots {

// A sweep iteration by iteration: accuracy and network sparsity (percent, left axis) and the
// throughput (frames/s, right axis; the dense baseline too when the sweep was normalised). The
// current iteration is a solid line, the compared one dashed; a click steps to an iteration.
class IterationTrendPlot : public RunLogPlot {
    Q_OBJECT

public:
    explicit IterationTrendPlot(QWidget* parent = nullptr);

    void setIterations(int current, int compared) override;

    QCPGraph* accuracyGraph() const { return accuracy_; }
    QCPGraph* sparsityGraph() const { return sparsity_; }
    QCPGraph* throughputGraph() const { return throughput_; }
    QCPGraph* denseThroughputGraph() const { return denseThroughput_; }

    QString toolTipAt(const QPointF& coords) const override;
    int iterationAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void fitAxes() override;

private:
    QCPGraph* accuracy_;
    QCPGraph* sparsity_;
    QCPGraph* throughput_;
    QCPGraph* denseThroughput_;
    QCPItemStraightLine* current_;
    QCPItemStraightLine* compared_;
};

} // namespace foldwise::gui::plots
