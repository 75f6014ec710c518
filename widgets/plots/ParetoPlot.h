#pragma once

#include "plots/PlotWidget.h"

#include <utility>
#include <vector>

class QCPGraph;

namespace foldwise::gui::plots {

// Accuracy against throughput over a sweep's iterations, the Pareto front (no other iteration
// is both faster and more accurate) joined by a line; the current iteration ringed, the
// compared one ringed dashed. Clicking a point steps the sweep to it.
class ParetoPlot : public RunLogPlot {
    Q_OBJECT

public:
    explicit ParetoPlot(QWidget* parent = nullptr);

    void setIterations(int current, int compared) override;

    // Iterations with both an accuracy and a throughput, in run-log order.
    const std::vector<int>& plottedIterations() const { return iterations_; }
    // The Pareto-optimal iterations, by increasing throughput.
    const std::vector<int>& frontIterations() const { return front_; }
    QCPGraph* pointsGraph() const { return points_; }
    QCPGraph* frontGraph() const { return frontLine_; }
    // The indices (into `points`: {throughput, accuracy}) on the Pareto front, by throughput.
    static std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>>& points);

    QString toolTipAt(const QPointF& coords) const override;
    int iterationAt(const QPointF& coords) const override;

protected:
    void rebuild() override;

private:
    std::vector<int> iterations_;
    std::vector<int> front_;
    QCPGraph* points_;
    QCPGraph* frontLine_;
    QCPGraph* current_;
    QCPGraph* compared_;
};

} // namespace foldwise::gui::plots
