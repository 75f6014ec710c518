#include "plots/CycleBreakdownPlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <algorithm>

namespace foldwise::gui::plots {

CycleBreakdownPlot::CycleBreakdownPlot(QWidget* parent)
    : LayerBarsPlot(tr("Cycles per layer"), Needs::Design, parent)
{
    QCustomPlot* p = plot();
    group_ = style::sideBySideGroup(p, 1);
    dense_ = style::groupedBars(p, group_, style::dense(), tr("Dense"));
    cycles_ = style::groupedBars(p, group_, style::sparse(), tr("Modelled (zero skipping)"));
    comparedCycles_ = style::groupedBars(p, group_, style::compared(style::sparse()), tr("Modelled, compared"));
    interval_ = style::straightLine(p, style::intervalPen());
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

bool CycleBreakdownPlot::compares(const LayerAnalysis& compared) const
{
    return current_ && compared.design() && compared.design()->estimate.layers.size() == current_->design()->estimate.layers.size();
}

void CycleBreakdownPlot::rebuild()
{
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
            if (compared_)
                other << compared_->design()->estimate.layers[i].cycles;
        }
        style::placeHorizontal(interval_, e.intervalCycles);
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
    style::showComparedBars(comparedCycles_, compared_ != nullptr, keys, other);
    style::regroup(group_, {dense_, cycles_, comparedCycles_}, compared_ ? 0.26 : 0.38);
    style::setCategoryTicks(plot()->xAxis, labels);
    setHasData(current_ != nullptr,
               tr("Open a design (Analysis > Open Design…) or a sweep run log to see the cycles of each layer."));
    currentLayerChanged();
}

void CycleBreakdownPlot::fitAxes()
{
    double top = 1;
    if (current_)
        for (const LayerEstimate& l : current_->design()->estimate.layers)
            top = std::max({top, l.cyclesDense, l.cycles});
    if (compared_)
        for (const LayerEstimate& l : compared_->design()->estimate.layers)
            top = std::max(top, l.cycles);
    style::fitCategories(plot()->xAxis, categoryCount());
    plot()->yAxis->setRange(0, top * 1.12);
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
    if (compared_)
        text += QStringLiteral("<br>") + tr("compared: %1 cycles")
                                             .arg(style::number(compared_->design()->estimate.layers[static_cast<std::size_t>(c)].cycles));
    return text;
}

void CycleBreakdownPlot::currentLayerChanged()
{
    // The categories are the hardware layers; a model layer several implement (FINN's padding,
    // sliding window and MVAU for a Conv) shades the slowest of them, as the table shows.
    const int category = selectedHardwareLayer();
    shadeBand(category >= 0, category);
    replotLater();
}

} // namespace foldwise::gui::plots
