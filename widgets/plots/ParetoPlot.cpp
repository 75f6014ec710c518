#include "plots/ParetoPlot.h"

#include "plots/PlotStyle.h"
#include "sweep/RunDirectory.h"

#include <qcustomplot.h>

#include <algorithm>
#include <limits>
#include <numeric>

namespace foldwise::gui::plots {

ParetoPlot::ParetoPlot(QWidget* parent)
    : RunLogPlot(tr("Accuracy against throughput"), parent)
{
    QCustomPlot* p = plot();
    frontLine_ = style::lineGraph(p, QPen(style::bottleneck(), 2), QCPScatterStyle(), tr("Pareto front"));
    points_ = style::pointGraph(p, QCPScatterStyle(QCPScatterStyle::ssDisc, style::sparsity(), 9), tr("Iterations"));
    current_ = style::pointGraph(p, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(style::highlight(), 3), Qt::NoBrush, 20), tr("Current"));
    compared_ = style::pointGraph(p, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(style::highlight(), 2, Qt::DashLine), Qt::NoBrush, 20),
                                  tr("Compared"));
    p->xAxis->setLabel(tr("Throughput (frames/s)"));
    p->xAxis->setNumberFormat(QStringLiteral("gb"));
    p->yAxis->setLabel(tr("Top-1 accuracy (%)"));
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    setHasData(false, tr("Open a sweep run log to compare its iterations' accuracy and throughput."));
}

std::vector<std::size_t> ParetoPlot::paretoFront(const std::vector<std::pair<double, double>>& points)
{
    // By throughput descending (accuracy descending on ties): a point is on the front when it
    // is more accurate than every faster one.
    std::vector<std::size_t> order(points.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&points](std::size_t a, std::size_t b) {
        return points[a].first != points[b].first ? points[a].first > points[b].first : points[a].second > points[b].second;
    });
    std::vector<std::size_t> front;
    double best = -std::numeric_limits<double>::infinity();
    for (const std::size_t i : order)
        if (points[i].second > best) {
            front.push_back(i);
            best = points[i].second;
        }
    std::reverse(front.begin(), front.end());
    return front;
}

void ParetoPlot::rebuild()
{
    iterations_.clear();
    front_.clear();
    std::vector<std::pair<double, double>> points;
    bool top1 = true;
    if (run_)
        for (const RunIteration& it : run_->log.iterations) {
            const auto accuracy = it.accuracy();
            if (!accuracy || !it.hardware.throughputFps)
                continue;
            top1 = top1 && it.top1.has_value();
            iterations_.push_back(it.index);
            points.emplace_back(*it.hardware.throughputFps, *accuracy);
        }
    QVector<double> x, y, fx, fy;
    for (const auto& [fps, accuracy] : points) {
        x << fps;
        y << accuracy;
    }
    for (const std::size_t i : paretoFront(points)) {
        front_.push_back(iterations_[i]);
        fx << points[i].first;
        fy << points[i].second;
    }
    points_->setData(x, y);
    frontLine_->setData(fx, fy);
    plot()->yAxis->setLabel(top1 ? tr("Top-1 accuracy (%)") : tr("Top-1 fidelity to the plain model (%)"));
    setHasData(!iterations_.empty(), run_ ? tr("The run log has no iteration with both an accuracy and a throughput "
                                               "(imported logs carry no hardware figures).")
                                          : tr("Open a sweep run log to compare its iterations' accuracy and throughput."));
}

void ParetoPlot::setIterations(int current, int compared)
{
    for (auto [graph, index] : {std::pair{current_, current}, std::pair{compared_, compared}}) {
        graph->data()->clear();
        if (const RunIteration* it = iteration(index); it && it->accuracy() && it->hardware.throughputFps)
            graph->addData(*it->hardware.throughputFps, *it->accuracy());
    }
    replotLater();
}

int ParetoPlot::iterationAt(const QPointF& coords) const
{
    double distance = 10; // pixels
    const int best = style::nearestPoint(points_, coords, &distance);
    // setData sorted the points by throughput; find the iteration by its values.
    if (best < 0)
        return -1;
    const auto point = points_->data()->at(best);
    for (const int index : iterations_) {
        const RunIteration* it = iteration(index);
        if (*it->hardware.throughputFps == point->key && *it->accuracy() == point->value)
            return index;
    }
    return -1;
}

QString ParetoPlot::toolTipAt(const QPointF& coords) const
{
    const RunIteration* it = iteration(iterationAt(coords));
    if (!it)
        return {};
    QString text = tr("<b>Iteration %1</b> (threshold %2)").arg(it->index).arg(style::number(it->meanThreshold()));
    text += QStringLiteral("<br>") + tr("accuracy %1 %, throughput %2 frames/s")
                                         .arg(style::number(*it->accuracy(), 2), style::number(*it->hardware.throughputFps, 0));
    text += QStringLiteral("<br>") + tr("network sparsity %1").arg(style::percent(it->networkSparsity));
    if (std::find(front_.begin(), front_.end(), it->index) != front_.end())
        text += QStringLiteral("<br>") + tr("on the Pareto front");
    return text;
}

} // namespace foldwise::gui::plots
