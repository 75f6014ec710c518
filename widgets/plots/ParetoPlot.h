#pragma once

#include "plots/PlotWidget.h"

#include <memory>
#include <optional>
#include <vector>

class QCPGraph;

namespace foldwise {
struct RunIteration;
}
namespace foldwise::sweep {
struct RunDirectory;
}

namespace foldwise::gui::plots {

// Accuracy against throughput over a sweep's iterations, the Pareto front (no other iteration
// is both faster and more accurate) joined by a line; the current iteration ringed, the
// compared one ringed dashed. Clicking a point steps the sweep to it.
class ParetoPlot : public PlotWidget {
    Q_OBJECT

public:
    explicit ParetoPlot(QWidget* parent = nullptr);

    void setRunLog(std::shared_ptr<const sweep::RunDirectory> run);
    void setIterations(int current, int compared);

    // Iterations with both an accuracy and a throughput, in run-log order.
    const std::vector<int>& plottedIterations() const { return iterations_; }
    // The Pareto-optimal iterations, by increasing throughput.
    const std::vector<int>& frontIterations() const { return front_; }
    QCPGraph* pointsGraph() const { return points_; }
    QCPGraph* frontGraph() const { return frontLine_; }
    // The indices (into `points`: {throughput, accuracy}) on the Pareto front, by throughput.
    static std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>>& points);

    QString toolTipAt(const QPointF& coords) const override;
    // The iteration under `coords`, or -1.
    int iterationAt(const QPointF& coords) const;

signals:
    void iterationClicked(int iteration);

private:
    void onClicked(QMouseEvent* event);
    const RunIteration* iteration(int index) const;

    std::shared_ptr<const sweep::RunDirectory> run_;
    std::vector<int> iterations_;
    std::vector<int> front_;
    QCPGraph* points_;
    QCPGraph* frontLine_;
    QCPGraph* current_;
    QCPGraph* compared_;
};

} // namespace foldwise::gui::plots
