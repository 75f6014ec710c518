#include "plots/IterationTrendPlot.h"

#include "plots/PlotStyle.h"
#include "sweep/RunDirectory.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace foldwise::gui::plots {

IterationTrendPlot::IterationTrendPlot(QWidget* parent)
    : RunLogPlot(tr("Iterations: accuracy, sparsity and throughput"), parent)
{
    QCustomPlot* p = plot();
    auto makeGraph = [p](QCPAxis* valueAxis, const QColor& colour, const QString& name, QCPScatterStyle::ScatterShape shape,
                         Qt::PenStyle line = Qt::SolidLine) {
        return style::lineGraph(p, QPen(colour, 2, line), QCPScatterStyle(shape, 7), name, valueAxis);
    };
    accuracy_ = makeGraph(p->yAxis, style::series(2), tr("Accuracy (%)"), QCPScatterStyle::ssDisc);
    sparsity_ = makeGraph(p->yAxis, style::sparsity(), tr("Network sparsity (%)"), QCPScatterStyle::ssSquare);
    throughput_ = makeGraph(p->yAxis2, style::series(4), tr("Throughput (frames/s, right)"), QCPScatterStyle::ssTriangle);
    denseThroughput_ = makeGraph(p->yAxis2, style::dense(), tr("Dense throughput (frames/s, right)"), QCPScatterStyle::ssTriangleInverted,
                                 Qt::DashLine);
    current_ = style::straightLine(p, style::iterationPen(false));
    compared_ = style::straightLine(p, style::iterationPen(true));
    p->xAxis->setLabel(tr("Iteration"));
    p->yAxis->setLabel(tr("Percent"));
    p->yAxis2->setVisible(true);
    p->yAxis2->setLabel(tr("Frames/s"));
    p->yAxis2->setNumberFormat(QStringLiteral("gb"));
    style::setTickStep(p->xAxis, 1, true);
    p->legend->setVisible(true);
    // Right of centre: accuracy has fallen and sparsity and throughput have risen by the last
    // iterations of a sweep, which leaves that part of the plot free.
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignVCenter | Qt::AlignRight);
    setHorizontalOnly(true);
    setHasData(false, tr("Open a sweep run log to follow accuracy, sparsity and throughput over its iterations."));
}

void IterationTrendPlot::rebuild()
{
    for (QCPGraph* g : {accuracy_, sparsity_, throughput_, denseThroughput_})
        g->data()->clear();
    bool top1 = true;
    if (run_)
        for (const RunIteration& it : run_->log.iterations) {
            const double k = it.index;
            if (const auto a = it.accuracy()) {
                accuracy_->addData(k, *a);
                top1 = top1 && it.top1.has_value();
            }
            sparsity_->addData(k, it.networkSparsity * 100);
            if (it.hardware.throughputFps)
                throughput_->addData(k, *it.hardware.throughputFps);
            if (it.hardware.denseThroughputFps)
                denseThroughput_->addData(k, *it.hardware.denseThroughputFps);
        }
    accuracy_->setName(top1 ? tr("Top-1 accuracy (%)") : tr("Top-1 fidelity (%)"));
    for (QCPGraph* g : {throughput_, denseThroughput_}) {
        if (g->dataCount() > 0)
            g->addToLegend();
        else
            g->removeFromLegend();
    }
    plot()->yAxis2->setVisible(throughput_->dataCount() > 0);
    setHasData(run_ && !run_->log.iterations.empty(),
               tr("Open a sweep run log to follow accuracy, sparsity and throughput over its iterations."));
}

void IterationTrendPlot::fitAxes()
{
    const int n = run_ ? static_cast<int>(run_->log.iterations.size()) : 1;
    plot()->xAxis->setRange(-0.5, std::max(1, n) - 0.5);
    plot()->yAxis->setRange(0, 105);
    bool found = false;
    const QCPRange fps = throughput_->getValueRange(found);
    bool denseFound = false;
    const QCPRange dense = denseThroughput_->getValueRange(denseFound);
    const double top = std::max(found ? fps.upper : 1.0, denseFound ? dense.upper : 0.0);
    plot()->yAxis2->setRange(0, top * 1.1);
}

void IterationTrendPlot::setIterations(int current, int compared)
{
    for (auto [line, index] : {std::pair{current_, current}, std::pair{compared_, compared}}) {
        line->setVisible(index >= 0 && run_);
        style::placeVertical(line, index);
    }
    replotLater();
}

int IterationTrendPlot::iterationAt(const QPointF& coords) const
{
    const long k = std::lround(coords.x());
    const RunIteration* it = k >= 0 && k <= std::numeric_limits<int>::max() ? iteration(static_cast<int>(k)) : nullptr;
    return it ? it->index : -1;
}

QString IterationTrendPlot::toolTipAt(const QPointF& coords) const
{
    const RunIteration* it = iteration(iterationAt(coords));
    if (!it)
        return {};
    QString text = tr("<b>Iteration %1</b> (threshold %2)").arg(it->index).arg(style::number(it->meanThreshold()));
    if (const auto a = it->accuracy())
        text += QStringLiteral("<br>") + tr("accuracy %1 %").arg(style::number(*a, 2));
    if (it->top5)
        text += QStringLiteral("<br>") + tr("top-5 %1 %").arg(style::number(*it->top5, 2));
    text += QStringLiteral("<br>") + tr("network sparsity %1").arg(style::percent(it->networkSparsity));
    if (it->hardware.throughputFps)
        text += QStringLiteral("<br>") + tr("throughput %1 frames/s").arg(style::number(*it->hardware.throughputFps, 0));
    if (it->hardware.bottleneck)
        text += QStringLiteral("<br>") + tr("bottleneck %1").arg(QString::fromStdString(*it->hardware.bottleneck).toHtmlEscaped());
    return text;
}

} // namespace foldwise::gui::plots
