#include "plots/FoldingPlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace foldwise::gui::plots {

FoldingPlot::FoldingPlot(QWidget* parent)
    : LayerAnalysisPlot(tr("Folding: cycles now and the options considered"), Needs::Design, parent)
{
    QCustomPlot* p = plot();
    options_ = style::pointGraph(p, QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x90, 0x90, 0x98, 140), 4), tr("Folding options"));
    options_->setAdaptiveSampling(false);
    currentFolding_ = style::pointGraph(p, QCPScatterStyle(QCPScatterStyle::ssDiamond, style::sparse().darker(120), style::sparse(), 11),
                                        tr("Current folding"));
    selected_ = style::pointGraph(p, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(style::highlight(), 2.5), Qt::NoBrush, 18));
    interval_ = style::straightLine(p, style::intervalPen());
    p->yAxis->setScaleType(QCPAxis::stLogarithmic);
    p->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    p->yAxis->setNumberFormat(QStringLiteral("eb"));
    p->yAxis->setNumberPrecision(0);
    p->yAxis->setLabel(tr("Cycles per item (log)"));
    p->legend->setVisible(true);
    setHasData(false, tr("Open a design to see each layer's folding options."));
}

void FoldingPlot::rebuild()
{
    QVector<double> ok, ov, ck, cv;
    QStringList labels;
    if (current_) {
        const DesignAnalysis& d = *current_->design();
        for (std::size_t h = 0; h < d.estimate.layers.size(); ++h) {
            labels << style::shortLayerName(d.estimate.layers[h].name);
            ck << static_cast<double>(h);
            cv << std::max(1.0, d.estimate.layers[h].cycles);
            if (h < d.alternatives.size())
                for (const fpgaconvnet::FoldingAlternative& a : d.alternatives[h]) {
                    ok << static_cast<double>(h);
                    ov << std::max(1.0, a.cycles);
                }
        }
        style::placeHorizontal(interval_, d.estimate.intervalCycles);
    }
    interval_->setVisible(current_ != nullptr);
    options_->setData(ok, ov, true);
    currentFolding_->setData(ck, cv, true);
    style::setCategoryTicks(plot()->xAxis, labels);
    setHasData(current_ != nullptr, tr("Open a design to see each layer's folding options."));
    currentLayerChanged();
}

void FoldingPlot::fitAxes()
{
    double low = 1, high = 10;
    bool first = true;
    for (QCPGraph* g : {options_, currentFolding_})
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            low = first ? it->value : std::min(low, it->value);
            high = first ? it->value : std::max(high, it->value);
            first = false;
        }
    style::fitCategories(plot()->xAxis, currentFolding_->dataCount());
    plot()->yAxis->setRange(low / 1.6, high * 1.6);
}

std::pair<int, int> FoldingPlot::pointNear(const QPointF& coords) const
{
    if (!current_)
        return {-1, -1};
    const DesignAnalysis& d = *current_->design();
    const int h = style::categoryAt(coords.x(), static_cast<int>(d.estimate.layers.size()), 0.4);
    if (h < 0)
        return {-1, -1};
    const double py = plot()->yAxis->coordToPixel(coords.y());
    const auto hs = static_cast<std::size_t>(h);
    // The current folding first: its marker covers the options under it.
    if (std::abs(plot()->yAxis->coordToPixel(std::max(1.0, d.estimate.layers[hs].cycles)) - py) < 8)
        return {h, -1};
    int best = -1;
    double bestDistance = 6;
    const auto& alternatives = d.alternatives[hs];
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        const double distance = std::abs(plot()->yAxis->coordToPixel(std::max(1.0, alternatives[i].cycles)) - py);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = static_cast<int>(i);
        }
    }
    return {h, best < 0 ? -2 : best};
}

int FoldingPlot::layerAt(const QPointF& coords) const
{
    const int h = pointNear(coords).first;
    return h < 0 ? -1 : current_->hardwareLayers()[static_cast<std::size_t>(h)];
}

QString FoldingPlot::toolTipAt(const QPointF& coords) const
{
    const auto [h, option] = pointNear(coords);
    if (h < 0 || option == -2)
        return {};
    const DesignAnalysis& d = *current_->design();
    const auto hs = static_cast<std::size_t>(h);
    const auto& alternatives = d.alternatives[hs];
    const double fastest = alternatives.empty() ? d.estimate.layers[hs].cycles : alternatives.front().cycles;
    QString text = QStringLiteral("<b>%1</b><br>").arg(QString::fromStdString(d.estimate.layers[hs].name).toHtmlEscaped());
    if (option < 0) {
        text += tr("current: %1, %2 cycles, %3 DSP")
                    .arg(QString::fromStdString(d.estimate.layers[hs].folding).toHtmlEscaped(), style::number(d.estimate.layers[hs].cycles),
                         style::number(d.estimate.layers[hs].resources.dsp));
        text += QStringLiteral("<br>") + tr("%n folding option(s) considered; the fastest takes %1 cycles", nullptr,
                                               static_cast<int>(alternatives.size()))
                                             .arg(style::number(fastest));
    } else {
        // Options exist only for an evaluated design (a tool's report has none).
        const fpgaconvnet::HardwareLayer& layer = d.evaluator->design().graph.layers[hs];
        const fpgaconvnet::FoldingAlternative& a = alternatives[static_cast<std::size_t>(option)];
        text += tr("option: %1, %2 cycles, %3 DSP")
                    .arg(QString::fromStdString(fpgaconvnet::describeFolding(layer, a.folding)).toHtmlEscaped(),
                         style::number(a.cycles), style::number(a.dsp));
    }
    return text;
}

void FoldingPlot::currentLayerChanged()
{
    QVector<double> k, v;
    if (current_)
        for (std::size_t h = 0; h < current_->hardwareLayers().size(); ++h)
            if (currentLayer() >= 0 && current_->hardwareLayers()[h] == currentLayer()) {
                k << static_cast<double>(h);
                v << std::max(1.0, current_->design()->estimate.layers[h].cycles);
            }
    selected_->setData(k, v, true);
    // Every hardware layer of the model layer is ringed; the band marks the one the table shows
    // (the slowest), as the cycle plot does.
    const int shown = selectedHardwareLayer();
    shadeBand(shown >= 0, shown);
    replotLater();
}

} // namespace foldwise::gui::plots
