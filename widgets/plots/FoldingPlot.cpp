#include "plots/FoldingPlot.h"

#include "analysis/LayerAnalysis.h"
#include "plots/PlotStyle.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace foldwise::gui::plots {

FoldingPlot::FoldingPlot(QWidget* parent)
    : PlotWidget(tr("Folding: cycles now and the options considered"), parent)
{
    QCustomPlot* p = plot();
    style::applyDefaults(p);
    options_ = p->addGraph();
    options_->setName(tr("Folding options"));
    options_->setLineStyle(QCPGraph::lsNone);
    options_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x90, 0x90, 0x98, 140), 4));
    options_->setAdaptiveSampling(false);
    current_ = p->addGraph();
    current_->setName(tr("Current folding"));
    current_->setLineStyle(QCPGraph::lsNone);
    current_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, style::sparse().darker(120), style::sparse(), 11));
    selected_ = p->addGraph();
    selected_->setLineStyle(QCPGraph::lsNone);
    selected_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(style::highlight(), 2.5), Qt::NoBrush, 18));
    selected_->removeFromLegend();
    interval_ = new QCPItemStraightLine(p);
    interval_->setPen(QPen(style::bottleneck(), 1.5, Qt::DashLine));
    p->yAxis->setScaleType(QCPAxis::stLogarithmic);
    p->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    p->yAxis->setNumberFormat(QStringLiteral("eb"));
    p->yAxis->setNumberPrecision(0);
    p->yAxis->setLabel(tr("Cycles per item (log)"));
    p->legend->setVisible(true);
    setHasData(false, tr("Open a design to see each layer's folding options."));
}

void FoldingPlot::setAnalysis(std::shared_ptr<const LayerAnalysis> current)
{
    analysis_ = current && current->design() ? std::move(current) : nullptr;
    QVector<double> ok, ov, ck, cv;
    QStringList labels;
    if (analysis_) {
        const DesignAnalysis& d = *analysis_->design();
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
        interval_->point1->setCoords(0, d.estimate.intervalCycles);
        interval_->point2->setCoords(1, d.estimate.intervalCycles);
    }
    interval_->setVisible(analysis_ != nullptr);
    options_->setData(ok, ov, true);
    current_->setData(ck, cv, true);
    style::setCategoryTicks(plot()->xAxis, labels);
    setHasData(analysis_ != nullptr, tr("Open a design to see each layer's folding options."));
    currentLayerChanged();
    fitAxes();
    replotLater();
}

void FoldingPlot::fitAxes()
{
    double low = 1, high = 10;
    bool first = true;
    for (QCPGraph* g : {options_, current_})
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            low = first ? it->value : std::min(low, it->value);
            high = first ? it->value : std::max(high, it->value);
            first = false;
        }
    plot()->xAxis->setRange(-0.6, std::max(1, current_->dataCount()) - 0.4);
    plot()->yAxis->setRange(low / 1.6, high * 1.6);
}

std::pair<int, int> FoldingPlot::pointNear(const QPointF& coords) const
{
    if (!analysis_)
        return {-1, -1};
    const long h = std::lround(coords.x());
    const DesignAnalysis& d = *analysis_->design();
    if (h < 0 || static_cast<std::size_t>(h) >= d.estimate.layers.size() || std::abs(coords.x() - static_cast<double>(h)) > 0.4)
        return {-1, -1};
    const double py = plot()->yAxis->coordToPixel(coords.y());
    const auto hs = static_cast<std::size_t>(h);
    // The current folding first: its marker covers the options under it.
    if (std::abs(plot()->yAxis->coordToPixel(std::max(1.0, d.estimate.layers[hs].cycles)) - py) < 8)
        return {static_cast<int>(h), -1};
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
    return {static_cast<int>(h), best < 0 ? -2 : best};
}

int FoldingPlot::layerAt(const QPointF& coords) const
{
    const int h = pointNear(coords).first;
    return h < 0 ? -1 : analysis_->hardwareLayers()[static_cast<std::size_t>(h)];
}

QString FoldingPlot::toolTipAt(const QPointF& coords) const
{
    const auto [h, option] = pointNear(coords);
    if (h < 0 || option == -2)
        return {};
    const DesignAnalysis& d = *analysis_->design();
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
    if (analysis_)
        for (std::size_t h = 0; h < analysis_->hardwareLayers().size(); ++h)
            if (currentLayer() >= 0 && analysis_->hardwareLayers()[h] == currentLayer()) {
                k << static_cast<double>(h);
                v << std::max(1.0, analysis_->design()->estimate.layers[h].cycles);
            }
    selected_->setData(k, v, true);
    // Every hardware layer of the model layer is ringed; the band marks the one the table shows
    // (the slowest), as the cycle plot does.
    const int shown = analysis_ && currentLayer() >= 0 && currentLayer() < analysis_->layerCount()
                          ? analysis_->row(currentLayer()).hardwareLayer
                          : -1;
    shadeBand(shown >= 0, shown);
    replotLater();
}

} // namespace foldwise::gui::plots
