#include "plots/LayerSparsityPlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

namespace foldwise::gui::plots {

LayerSparsityPlot::LayerSparsityPlot(QWidget* parent)
    : LayerBarsPlot(tr("Sparsity per layer"), Needs::Anything, parent)
{
    QCustomPlot* p = plot();
    group_ = style::sideBySideGroup(p, 1);
    average_ = style::groupedBars(p, group_, style::sparsity());
    comparedAverage_ = style::groupedBars(p, group_, style::compared(style::sparsity()));
    window_ = style::groupedBars(p, group_, style::windowSparsity());
    comparedWindow_ = style::groupedBars(p, group_, style::compared(style::windowSparsity()));
    p->yAxis->setLabel(tr("Sparsity"));
    style::setTickStep(p->yAxis, 0.1);
    p->legend->setVisible(true);
    setHorizontalOnly(true);
    setHasData(false, tr("Open an activation profile (Analysis > Open Profile…) or a sweep run log to see "
                         "the sparsity of each convolution's input."));
}

void LayerSparsityPlot::setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared,
                                    const QString& currentLabel, const QString& comparedLabel)
{
    currentLabel_ = currentLabel;
    comparedLabel_ = comparedLabel;
    LayerBarsPlot::setAnalysis(std::move(current), std::move(compared));
}

bool LayerSparsityPlot::compares(const LayerAnalysis& compared) const
{
    return compared.profile() != nullptr;
}

void LayerSparsityPlot::rebuild()
{
    layers_.clear();
    if (current_ && current_->profile())
        for (const int layer : current_->profiledLayers())
            if (layer >= 0)
                layers_.push_back(layer);

    QVector<double> keys, avg, win, cavg, cwin;
    QStringList labels;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const LayerAnalysisRow& row = current_->row(layers_[i]);
        keys << static_cast<double>(i);
        avg << row.sparsity.value_or(0);
        win << row.windowSparsity.value_or(0);
        labels << style::shortLayerName(current_->summary()->layers[static_cast<std::size_t>(layers_[i])].name);
        if (compared_) {
            const LayerAnalysisRow& other = compared_->row(layers_[i]);
            cavg << other.sparsity.value_or(0);
            cwin << other.windowSparsity.value_or(0);
        }
    }
    const QString suffix = compared_ && !currentLabel_.isEmpty() ? QStringLiteral(" (%1)").arg(currentLabel_) : QString();
    const QString comparedSuffix = QStringLiteral(" (%1)").arg(comparedLabel_);
    average_->setName(tr("Average sparsity") + suffix);
    window_->setName(tr("Window sparsity") + suffix);
    comparedAverage_->setName(tr("Average sparsity") + comparedSuffix);
    comparedWindow_->setName(tr("Window sparsity") + comparedSuffix);
    average_->setData(keys, avg, true);
    window_->setData(keys, win, true);
    style::showComparedBars(comparedAverage_, compared_ != nullptr, keys, cavg);
    style::showComparedBars(comparedWindow_, compared_ != nullptr, keys, cwin);
    // Four bars share a category in compare mode, two otherwise.
    style::regroup(group_, {average_, comparedAverage_, window_, comparedWindow_}, compared_ ? 0.19 : 0.36);
    style::setCategoryTicks(plot()->xAxis, labels);
    setHasData(!layers_.empty(), current_ && current_->profile()
                                     ? tr("The profile has no convolution of this model.")
                                     : tr("Open an activation profile (Analysis > Open Profile…) or a sweep run log to "
                                          "see the sparsity of each convolution's input."));
    currentLayerChanged();
}

void LayerSparsityPlot::fitAxes()
{
    style::fitCategories(plot()->xAxis, categoryCount());
    plot()->yAxis->setRange(0, 1.08);
}

QString LayerSparsityPlot::toolTipAt(const QPointF& coords) const
{
    const int c = categoryAt(coords.x());
    if (c < 0 || !current_)
        return {};
    const int layer = layers_[static_cast<std::size_t>(c)];
    const LayerAnalysisRow& row = current_->row(layer);
    QString text = QStringLiteral("<b>%1</b>").arg(QString::fromStdString(current_->summary()->layers[static_cast<std::size_t>(layer)].name).toHtmlEscaped());
    auto line = [&text](const QString& label, const LayerAnalysisRow& r) {
        text += QStringLiteral("<br>") + label
              + tr("average sparsity %1, all-zero windows %2")
                    .arg(style::percent(r.sparsity.value_or(0)), style::percent(r.windowSparsity.value_or(0)));
    };
    line(compared_ ? currentLabel_ + QStringLiteral(": ") : QString(), row);
    if (compared_)
        line(comparedLabel_ + QStringLiteral(": "), compared_->row(layer));
    if (row.conv)
        text += QStringLiteral("<br>") + tr("K = %1, %2 input channels").arg(row.conv->kernelSize).arg(row.conv->channels);
    return text;
}

void LayerSparsityPlot::currentLayerChanged()
{
    int category = -1;
    for (std::size_t i = 0; i < layers_.size(); ++i)
        if (layers_[i] == currentLayer())
            category = static_cast<int>(i);
    shadeBand(category >= 0, category);
    replotLater();
}

} // namespace foldwise::gui::plots
