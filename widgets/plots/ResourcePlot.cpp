#include "plots/ResourcePlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace foldwise::gui::plots {
namespace {

constexpr int kResources = 4;

double amount(const ResourceUsage& r, int resource)
{
    switch (resource) {
    case 0: return r.dsp;
    case 1: return r.bram18;
    case 2: return r.lut;
    default: return r.ff;
    }
}

double limit(const ResourceLimits& l, int resource)
{
    switch (resource) {
    case 0: return l.dsp;
    case 1: return l.bram18;
    case 2: return l.lut;
    default: return l.ff;
    }
}

// What a layer's share is taken of: the device, or for a report that names none, the design's
// own total.
const ResourceUsage& budgetOf(const DesignAnalysis& design)
{
    return design.budget ? *design.budget : design.estimate.total;
}

} // namespace

ResourcePlot::ResourcePlot(QWidget* parent)
    : LayerAnalysisPlot(tr("Device budget"), Needs::Design, parent)
{
    QCustomPlot* p = plot();
    full_ = style::straightLine(p, QPen(style::budget(), 1.5));
    style::placeHorizontal(full_, 1);
    for (int r = 0; r < kResources; ++r) {
        auto* line = new QCPItemLine(p);
        line->setPen(QPen(style::bottleneck(), 2, Qt::DashLine));
        line->setVisible(false);
        limits_.push_back(line);
    }
    style::setCategoryTicks(p->xAxis, resourceNames());
    p->yAxis->setLabel(tr("Share of the device"));
    style::setTickStep(p->yAxis, 0.1);
    setHorizontalOnly(false);
    setHasData(false, tr("Open a design to see the resources each layer uses."));
}

QStringList ResourcePlot::resourceNames()
{
    return {tr("DSP"), tr("BRAM"), tr("LUT"), tr("FF")};
}

double ResourcePlot::share(int hardwareLayer, int resource) const
{
    if (!current_ || !current_->design())
        return 0;
    const auto& design = *current_->design();
    const double available = amount(budgetOf(design), resource);
    const LayerEstimate& l = design.estimate.layers[static_cast<std::size_t>(hardwareLayer)];
    return available > 0 ? amount(l.resources, resource) / available : 0;
}

void ResourcePlot::rebuild()
{
    plot()->yAxis->setLabel(!current_ || current_->design()->budget ? tr("Share of the device")
                                                                     : tr("Share of the design's total (no device named)"));
    // The layers that use anything, each one segment; stepping through a sweep usually keeps
    // them, and then the segments only get new values.
    std::vector<int> used;
    if (current_)
        for (std::size_t h = 0; h < current_->design()->estimate.layers.size(); ++h)
            for (int r = 0; r < kResources; ++r)
                if (share(static_cast<int>(h), r) > 0) {
                    used.push_back(static_cast<int>(h));
                    break;
                }
    if (used != segmentHardware_) {
        for (QCPBars* bars : segments_)
            plot()->removePlottable(bars);
        segments_.clear();
        QCPBars* below = nullptr;
        for (std::size_t s = 0; s < used.size(); ++s) {
            auto* bars = new QCPBars(plot()->xAxis, plot()->yAxis);
            style::styleBars(bars, style::series(static_cast<int>(s)));
            bars->setPen(QPen(Qt::white, 0.8));
            bars->setWidth(0.6);
            if (below)
                bars->moveAbove(below);
            below = bars;
            segments_.push_back(bars);
        }
        segmentHardware_ = used;
    }
    if (current_) {
        const DesignAnalysis& d = *current_->design();
        for (std::size_t s = 0; s < segments_.size(); ++s) {
            const int h = segmentHardware_[s];
            QVector<double> keys, values;
            for (int r = 0; r < kResources; ++r) {
                keys << r;
                values << share(h, r);
            }
            segments_[s]->setName(style::shortLayerName(d.estimate.layers[static_cast<std::size_t>(h)].name));
            segments_[s]->setData(keys, values, true);
        }
        // A tool's report names no limits: 100 % for every resource.
        const ResourceLimits limits = d.evaluator ? d.evaluator->design().settings.limits : ResourceLimits{};
        for (int r = 0; r < kResources; ++r) {
            // A short dashed line across the category at the design's limit, when below 100 %.
            QCPItemLine* line = limits_[static_cast<std::size_t>(r)];
            const double l = limit(limits, r);
            line->setVisible(false);
            if (l < 1) {
                line->setVisible(true);
                line->start->setCoords(r - 0.4, l);
                line->end->setCoords(r + 0.4, l);
            }
        }
    }
    setHasData(current_ != nullptr, tr("Open a design to see the resources each layer uses."));
    currentLayerChanged();
}

void ResourcePlot::fitAxes()
{
    double top = 1;
    if (current_)
        for (int r = 0; r < kResources; ++r) {
            double total = 0;
            for (const int h : segmentHardware_)
                total += share(h, r);
            top = std::max(top, total);
        }
    style::fitCategories(plot()->xAxis, kResources);
    plot()->yAxis->setRange(0, top * 1.08);
}

int ResourcePlot::segmentAt(const QPointF& coords) const
{
    const int r = style::categoryAt(coords.x(), kResources, 0.3);
    if (r < 0)
        return -1;
    double base = 0;
    for (std::size_t s = 0; s < segments_.size(); ++s) {
        const double value = share(segmentHardware_[s], r);
        if (coords.y() >= base && coords.y() < base + value)
            return static_cast<int>(s);
        base += value;
    }
    return -1;
}

int ResourcePlot::layerAt(const QPointF& coords) const
{
    const int s = segmentAt(coords);
    return s < 0 ? -1 : current_->hardwareLayers()[static_cast<std::size_t>(segmentHardware_[static_cast<std::size_t>(s)])];
}

QString ResourcePlot::toolTipAt(const QPointF& coords) const
{
    const int r = static_cast<int>(std::lround(coords.x()));
    const int s = segmentAt(coords);
    if (s < 0)
        return {};
    const DesignAnalysis& d = *current_->design();
    const int h = segmentHardware_[static_cast<std::size_t>(s)];
    const LayerEstimate& l = d.estimate.layers[static_cast<std::size_t>(h)];
    const double available = amount(budgetOf(d), r);
    return tr("<b>%1</b><br>%2: %3 of %4 (%5)")
        .arg(QString::fromStdString(l.name).toHtmlEscaped(), resourceNames()[r], style::number(amount(l.resources, r), 1),
             style::number(available), style::percent(share(h, r)));
}

void ResourcePlot::currentLayerChanged()
{
    for (std::size_t s = 0; s < segments_.size(); ++s) {
        const bool selected = current_ && current_->hardwareLayers()[static_cast<std::size_t>(segmentHardware_[s])] == currentLayer()
                           && currentLayer() >= 0;
        segments_[s]->setPen(selected ? QPen(Qt::black, 2.5) : QPen(Qt::white, 0.8));
    }
    replotLater();
}

} // namespace foldwise::gui::plots
