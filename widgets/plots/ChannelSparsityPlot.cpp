#include "plots/ChannelSparsityPlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

namespace foldwise::gui::plots {
namespace {

// Mean zeros per window of channel c over K: what the channel contributes to the layer's
// average sparsity.
double channelWindowSparsity(const ConvWindowZeros& conv, int64_t c)
{
    const std::vector<double> h = normalisedWindowHistogram(conv, c);
    double zeros = 0;
    for (std::size_t j = 0; j < h.size(); ++j)
        zeros += h[j] * static_cast<double>(j);
    return conv.kernelSize > 0 ? zeros / static_cast<double>(conv.kernelSize) : 0;
}

} // namespace

ChannelSparsityPlot::ChannelSparsityPlot(QWidget* parent)
    : LayerAnalysisPlot(tr("Sparsity per input channel"), Needs::Anything, parent)
{
    QCustomPlot* p = plot();
    group_ = style::sideBySideGroup(p, 0);
    zeros_ = style::groupedBars(p, group_, style::sparsity(), tr("Zero fraction"));
    window_ = style::groupedBars(p, group_, style::windowSparsity(), tr("Mean window sparsity"));
    comparedWindow_ = style::groupedBars(p, group_, style::compared(style::windowSparsity()),
                                         tr("Mean window sparsity (compared)"));
    p->xAxis->setLabel(tr("Input channel"));
    style::setTickStep(p->xAxis, 1, true);
    p->yAxis->setLabel(tr("Sparsity"));
    p->legend->setVisible(true);
    setHorizontalOnly(true);
    setHasData(false, tr("Select a profiled convolution to see its input channels."));
}

void ChannelSparsityPlot::rebuild()
{
    const LayerAnalysisRow* row = selectedRow(current_);
    const ConvWindowZeros* conv = row ? row->conv : nullptr;
    const ConvWindowZeros* other = conv ? selectedConvolution(compared_) : nullptr;
    channels_ = conv ? static_cast<int>(conv->channels) : 0;
    QVector<double> keys, zeros, window, otherWindow;
    for (int c = 0; c < channels_; ++c) {
        keys << c;
        const TensorZeros* t = row->inputZeros;
        zeros << (t && c < t->channels ? channelZeroFraction(*t, c) : 0);
        window << channelWindowSparsity(*conv, c);
        if (other && c < other->channels)
            otherWindow << channelWindowSparsity(*other, c);
    }
    zeros_->setData(keys, zeros, true);
    window_->setData(keys, window, true);
    style::showComparedBars(comparedWindow_, other != nullptr, keys, otherWindow);
    style::regroup(group_, {zeros_, window_, comparedWindow_}, other ? 0.3 : 0.42);
    if (conv)
        setTitle(tr("Sparsity per input channel: %1").arg(style::shortLayerName(conv->conv)));
    else
        setTitle(tr("Sparsity per input channel"));
    setHasData(conv != nullptr, current_ && current_->profile() ? tr("Select a profiled convolution to see its input channels.")
                                                                : tr("Open an activation profile to see the sparsity of each input channel."));
}

void ChannelSparsityPlot::fitAxes()
{
    style::fitCategories(plot()->xAxis, channels_);
    plot()->yAxis->setRange(0, 1.08);
}

QString ChannelSparsityPlot::toolTipAt(const QPointF& coords) const
{
    const int c = style::categoryAt(coords.x(), channels_, 0.45);
    if (c < 0)
        return {};
    const LayerAnalysisRow& row = current_->row(currentLayer());
    const double zeros = row.inputZeros && c < row.inputZeros->channels ? channelZeroFraction(*row.inputZeros, c) : 0;
    QString text = tr("<b>Channel %1</b><br>zeros %2<br>mean window sparsity %3")
                       .arg(c)
                       .arg(style::percent(zeros), style::percent(channelWindowSparsity(*row.conv, c)));
    const ConvWindowZeros* other = selectedConvolution(compared_);
    if (other && c < other->channels)
        text += QStringLiteral("<br>") + tr("compared: mean window sparsity %1").arg(style::percent(channelWindowSparsity(*other, c)));
    return text;
}

} // namespace foldwise::gui::plots
