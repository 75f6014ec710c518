#include "plots/CycleBreakdownPlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace foldwise::gui::plots {

CycleBreakdownPlot::CycleBreakdownPlot(QWidget* parent)
    : PlotWidget(tr("Cycles per layer"), parent)
{
    QCustomPlot* p = plot();
    style::applyDefaults(p);
    group_ = style::sideBySideGroup(p, 1);
    dense_ = style::groupedBars(p, group_, style::dense(), tr("Dense"));
    cycles_ = style::groupedBars(p, group_, style::sparse(), tr("Modelled (zero skipping)"));
    compared_ = style::groupedBars(p, group_, style::compared(style::sparse()), tr("Modelled, compared"));
    interval_ = new QCPItemStraightLine(p);
    interval_->setPen(QPen(style::bottleneck(), 1.5, Qt::DashLine));
    intervalLabel_ = new QCPItemText(p);
    intervalLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    intervalLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    intervalLabel_->position->setTypeY(QCPItemPosition::ptPlotCoords);
    intervalLabel_->setColor(style::bottleneck());
    bottleneckLabel_ = new QCPItemText(p);
    bottleneckLabel_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    bottleneckLabel_->setColor(style::bottleneck());
    bottleneckLabel_->setText(tr("bottleneck"));
    p->yAxis->setLabel(tr("Cycles per item"));
    p->legend->setVisible(true);
    setHorizontalOnly(true);
    setHasData(false, tr("Open a design (Analysis > Open Design…) or a sweep run log to see the cycles of each layer."));
}

void CycleBreakdownPlot::setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared)
{
    current_ = current && current->design() ? std::move(current) : nullptr;
    comparedAnalysis_ = current_ && compared && compared->design()
                                && compared->design()->estimate.layers.size() == current_->design()->estimate.layers.size()
                            ? std::move(compared)
                            : nullptr;
    layers_ = current_ ? current_->hardwareLayers() : std::vector<int>();
    QVector<double> keys, dense, cycles, other;
    QStringList labels;
    if (current_) {
        const NetworkEstimate& e = current_->design()->estimate;
        for (std::size_t i = 0; i < e.layers.size(); ++i) {
            keys << static_cast<double>(i);
            dense << e.layers[i].cyclesDense;
            cycles << e.layers[i].cycles;
            labels << style::shortLayerName(e.layers[i].name);
            if (comparedAnalysis_)
                other << comparedAnalysis_->design()->estimate.layers[i].cycles;
        }
        interval_->point1->setCoords(0, e.intervalCycles);
        interval_->point2->setCoords(1, e.intervalCycles);
        intervalLabel_->position->setCoords(0.01, e.intervalCycles);
        intervalLabel_->setText(tr("interval %1 cycles").arg(style::number(e.intervalCycles)));
        if (e.bottleneck < e.layers.size())
            bottleneckLabel_->position->setCoords(static_cast<double>(e.bottleneck), e.layers[e.bottleneck].cyclesDense * 1.02);
    }
    interval_->setVisible(current_ != nullptr);
    intervalLabel_->setVisible(current_ != nullptr);
    bottleneckLabel_->setVisible(current_ != nullptr);
    dense_->setData(keys, dense, true);
    cycles_->setData(keys, cycles, true);
    compared_->setData(comparedAnalysis_ ? keys : QVector<double>(), other, true);
    compared_->setVisible(comparedAnalysis_ != nullptr);
    if (comparedAnalysis_)
        compared_->addToLegend();
    else
        compared_->removeFromLegend();
    style::regroup(group_, {dense_, cycles_, compared_});
    const double width = comparedAnalysis_ ? 0.26 : 0.38;
    for (QCPBars* bars : {dense_, cycles_, compared_})
        bars->setWidth(width);
    style::setCategoryTicks(plot()->xAxis, labels);
    setHasData(current_ != nullptr,
               tr("Open a design (Analysis > Open Design…) or a sweep run log to see the cycles of each layer."));
    currentLayerChanged();
    fitAxes();
    replotLater();
}

void CycleBreakdownPlot::fitAxes()
{
    double top = 1;
    if (current_)
        for (const LayerEstimate& l : current_->design()->estimate.layers)
            top = std::max({top, l.cyclesDense, l.cycles});
    if (comparedAnalysis_)
        for (const LayerEstimate& l : comparedAnalysis_->design()->estimate.layers)
            top = std::max(top, l.cycles);
    plot()->xAxis->setRange(-0.6, std::max<double>(1, static_cast<double>(layers_.size())) - 0.4);
    plot()->yAxis->setRange(0, top * 1.12);
}

int CycleBreakdownPlot::categoryAt(double x) const
{
    const long i = std::lround(x);
    return i >= 0 && i < static_cast<long>(layers_.size()) && std::abs(x - static_cast<double>(i)) <= 0.45 ? static_cast<int>(i) : -1;
}

int CycleBreakdownPlot::layerAt(const QPointF& coords) const
{
    const int c = categoryAt(coords.x());
    return c < 0 ? -1 : layers_[static_cast<std::size_t>(c)];
}

QString CycleBreakdownPlot::toolTipAt(const QPointF& coords) const
{
    const int c = categoryAt(coords.x());
    if (c < 0)
        return {};
    const NetworkEstimate& e = current_->design()->estimate;
    const LayerEstimate& l = e.layers[static_cast<std::size_t>(c)];
    QString text = QStringLiteral("<b>%1</b> (%2)<br>").arg(QString::fromStdString(l.name).toHtmlEscaped(), QString::fromStdString(l.type))
                 + tr("%1 cycles modelled, %2 dense").arg(style::number(l.cycles), style::number(l.cyclesDense))
                 + QStringLiteral("<br>") + tr("%1 of the interval").arg(style::percent(current_->intervalShare(c)))
                 + QStringLiteral("<br>") + QString::fromStdString(l.folding).toHtmlEscaped();
    if (l.sparse)
        text += QStringLiteral("<br>") + tr("zero skipping");
    if (static_cast<std::size_t>(c) == e.bottleneck)
        text += QStringLiteral("<br><b>") + tr("bottleneck") + QStringLiteral("</b>");
    if (comparedAnalysis_)
        text += QStringLiteral("<br>") + tr("compared: %1 cycles")
                                             .arg(style::number(comparedAnalysis_->design()->estimate.layers[static_cast<std::size_t>(c)].cycles));
    return text;
}

void CycleBreakdownPlot::currentLayerChanged()
{
    // The categories are the hardware layers; a model layer several implement (FINN's padding,
    // sliding window and MVAU for a Conv) shades the slowest of them, as the table shows.
    int category = -1;
    if (current_ && currentLayer() >= 0 && currentLayer() < current_->layerCount())
        category = current_->row(currentLayer()).hardwareLayer;
    shadeBand(category >= 0, category);
    replotLater();
}

} // namespace foldwise::gui::plots
