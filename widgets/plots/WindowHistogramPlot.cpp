#include "plots/WindowHistogramPlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace foldwise::gui::plots {

WindowHistogramPlot::WindowHistogramPlot(QWidget* parent)
    : LayerAnalysisPlot(tr("Window-zero histogram"), Needs::Anything, parent)
{
    QCustomPlot* p = plot();
    map_ = new QCPColorMap(p->xAxis, p->yAxis);
    scale_ = new QCPColorScale(p);
    p->plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    map_->setColorScale(scale_);
    map_->setInterpolate(false);
    // Keep the scale as tall as the map.
    auto* margins = new QCPMarginGroup(p);
    p->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    p->xAxis->setLabel(tr("Zeros in the window (j)"));
    p->yAxis->setLabel(tr("Input channel (c)"));
    p->yAxis->setRangeReversed(true); // channel 0 on top, as the histogram's rows read
    setHasData(false, tr("Select a profiled convolution to see its window-zero histogram."));
}

void WindowHistogramPlot::rebuild()
{
    conv_ = selectedConvolution(current_);
    other_ = conv_ ? selectedConvolution(compared_) : nullptr;
    if (other_ && (other_->channels != conv_->channels || other_->kernelSize != conv_->kernelSize))
        other_ = nullptr;
    if (conv_) {
        const int bins = static_cast<int>(conv_->bins());
        const int channels = static_cast<int>(conv_->channels);
        // QCustomPlot draws a map of one row with no height: a single channel (a first layer
        // reading a grey image) is drawn as two identical rows filling the band -0.5..0.5.
        const int rows = std::max(2, channels);
        map_->data()->setSize(bins, rows);
        map_->data()->setRange(QCPRange(0, bins - 1), channels > 1 ? QCPRange(0, channels - 1) : QCPRange(-0.25, 0.25));
        for (int c = 0; c < rows; ++c) {
            const int channel = std::min(c, channels - 1);
            const std::vector<double> h = normalisedWindowHistogram(*conv_, channel);
            const std::vector<double> o = other_ ? normalisedWindowHistogram(*other_, channel) : std::vector<double>();
            for (int j = 0; j < bins; ++j)
                map_->data()->setCell(j, c, h[static_cast<std::size_t>(j)] - (other_ ? o[static_cast<std::size_t>(j)] : 0.0));
        }
        if (other_) {
            map_->setGradient(QCPColorGradient::gpPolar);
            map_->setDataRange(QCPRange(-1, 1));
            scale_->axis()->setLabel(tr("Fraction of windows, difference"));
            setTitle(tr("Window-zero histogram: %1 (difference)").arg(style::shortLayerName(conv_->conv)));
        } else {
            map_->setGradient(QCPColorGradient::gpThermal);
            map_->setDataRange(QCPRange(0, 1));
            scale_->axis()->setLabel(tr("Fraction of windows"));
            setTitle(tr("Window-zero histogram: %1").arg(style::shortLayerName(conv_->conv)));
        }
        style::setTickStep(plot()->xAxis, bins > 20 ? 5 : 1);
        // Whole channels; more than one per tick when there are many.
        style::setTickStep(plot()->yAxis, 1, true);
    } else {
        map_->data()->clear();
        setTitle(tr("Window-zero histogram"));
    }
    setHasData(conv_ != nullptr, current_ && current_->profile()
                                     ? tr("Select a profiled convolution to see its window-zero histogram.")
                                     : tr("Open an activation profile to see window-zero histograms."));
}

void WindowHistogramPlot::fitAxes()
{
    if (!conv_)
        return;
    plot()->xAxis->setRange(-0.5, static_cast<double>(conv_->bins()) - 0.5);
    plot()->yAxis->setRange(-0.5, static_cast<double>(conv_->channels) - 0.5);
}

QString WindowHistogramPlot::toolTipAt(const QPointF& coords) const
{
    if (!conv_)
        return {};
    const long j = std::lround(coords.x());
    const long c = std::lround(coords.y());
    if (j < 0 || j >= conv_->bins() || c < 0 || c >= conv_->channels)
        return {};
    const int64_t count = conv_->counts[static_cast<std::size_t>(c * conv_->bins() + j)];
    const double fraction = normalisedWindowHistogram(*conv_, c)[static_cast<std::size_t>(j)];
    QString text = tr("<b>Channel %1, %2 of %3 zeros</b><br>%4 of the windows (%5)")
                       .arg(c)
                       .arg(j)
                       .arg(conv_->kernelSize)
                       .arg(style::percent(fraction), style::number(static_cast<double>(count)));
    if (other_)
        text += QStringLiteral("<br>") + tr("compared: %1").arg(style::percent(normalisedWindowHistogram(*other_, c)[static_cast<std::size_t>(j)]));
    return text;
}

} // namespace foldwise::gui::plots
