#pragma once

#include "plots/PlotWidget.h"

#include <memory>

class QCPGraph;
class QCPItemStraightLine;

namespace foldwise::sweep {
struct RunDirectory;
}

namespace foldwise::gui::plots {

// A sweep iteration by iteration: accuracy and network sparsity (percent, left axis) and the
// throughput (frames/s, right axis; the dense baseline too when the sweep was normalised). The
// current iteration is a solid line, the compared one dashed; a click steps to an iteration.
class IterationTrendPlot : public PlotWidget {
    Q_OBJECT

public:
    explicit IterationTrendPlot(QWidget* parent = nullptr);

    void setRunLog(std::shared_ptr<const sweep::RunDirectory> run);
    void setIterations(int current, int compared);

    QCPGraph* accuracyGraph() const { return accuracy_; }
    QCPGraph* sparsityGraph() const { return sparsity_; }
    QCPGraph* throughputGraph() const { return throughput_; }
    QCPGraph* denseThroughputGraph() const { return denseThroughput_; }

    QString toolTipAt(const QPointF& coords) const override;
    int iterationAt(const QPointF& coords) const;

signals:
    void iterationClicked(int iteration);

protected:
    void fitAxes() override;

private:
    void onClicked(QMouseEvent* event);

    std::shared_ptr<const sweep::RunDirectory> run_;
    QCPGraph* accuracy_;
    QCPGraph* sparsity_;
    QCPGraph* throughput_;
    QCPGraph* denseThroughput_;
    QCPItemStraightLine* current_;
    QCPItemStraightLine* compared_;
};

} // namespace foldwise::gui::plots
