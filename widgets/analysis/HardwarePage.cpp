#include "analysis/HardwarePage.h"

#include "analysis/AnalysisDocument.h"
#include "analysis/FidelityView.h"
#include "itemmodels/FidelityTableModel.h"
#include "plots/CycleBreakdownPlot.h"
#include "plots/FoldingPlot.h"
#include "plots/PlotStyle.h"
#include "plots/ResourcePlot.h"

#include <QLabel>
#include <QSplitter>
#include <QTabWidget>

namespace foldwise::gui {

HardwarePage::HardwarePage(AnalysisDocument* document, QWidget* parent)
    : AnalysisPage(document, parent)
    , summary_(summaryLabel(QStringLiteral("designSummary"), this))
    , cycles_(new plots::CycleBreakdownPlot(this))
    , resources_(new plots::ResourcePlot(this))
    , folding_(new plots::FoldingPlot(this))
    , fidelity_(new FidelityView(this))
    , lowerTabs_(new QTabWidget(this))
{
    setObjectName(QStringLiteral("hardwarePage"));
    QSplitter* bottom = splitter(Qt::Horizontal, {resources_, folding_});
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    bottom->setSizes({400, 600}); // the stacked bars need room for their title and buttons
    // The fidelity table shares the lower half with the resource and folding plots, so that
    // neither squeezes the plots; its tab says how many layers differ.
    lowerTabs_->setObjectName(QStringLiteral("hardwareTabs"));
    lowerTabs_->setDocumentMode(true);
    lowerTabs_->addTab(bottom, tr("Resources and Folding"));
    lowerTabs_->addTab(fidelity_, QString());
    stackVertically(this, {summary_, splitter(Qt::Vertical, {cycles_, lowerTabs_})});
    refresh();
}

void HardwarePage::showFidelity()
{
    lowerTabs_->setCurrentWidget(fidelity_);
}

QString HardwarePage::summaryText() const
{
    return summary_->text();
}

void HardwarePage::refresh()
{
    const auto current = document()->layers();
    const auto compared = document()->comparedLayers();
    cycles_->setAnalysis(current, compared);
    resources_->setAnalysis(current);
    folding_->setAnalysis(current);

    const auto design = document()->design();
    fidelity_->setDesign(design);
    const int differing = fidelity_->model()->exceedingRows();
    lowerTabs_->setTabText(lowerTabs_->indexOf(fidelity_),
                           differing == 0 ? tr("fpgaConvNet Fidelity")
                                          //: %n layers differ by more than %1 (a percentage) between the two models
                                          : tr("fpgaConvNet Fidelity (%n layer(s) beyond %1)", nullptr, differing)
                                                .arg(plots::style::percent(FidelityTableModel::kHighlightThreshold, 0)));
    if (!design) {
        summary_->setText(tr("No design loaded: open one with Analysis > Open Design…, drop a design.json on the window, "
                             "or open a sweep's run log."));
        return;
    }
    const NetworkEstimate& e = design->estimate;
    const ResourceUsage budget = design->budget.value_or(ResourceUsage{});
    // A tool's report says whose it is; a device it does not name is left out.
    QString device = QString::fromStdString(design->platform);
    if (design->reportTool == "finn")
        device = device.isEmpty() ? tr("FINN estimate") : tr("FINN estimate for %1").arg(device);
    else if (design->reportTool == "fpgaconvnet")
        device = device.isEmpty() ? tr("fpgaConvNet report") : tr("fpgaConvNet report for %1").arg(device);
    auto used = [](double amount, double available) {
        return available > 0 ? tr("%1 of %2 (%3)").arg(plots::style::number(amount, 0), plots::style::number(available),
                                                       plots::style::percent(amount / available))
                             : plots::style::number(amount, 0);
    };
    const QString bottleneck = e.bottleneck < e.layers.size() ? QString::fromStdString(e.layers[e.bottleneck].name) : QString();
    summary_->setText(
        tr("<b>%1</b> at %2 MHz, batch %3: <b>%4 frames/s</b>, latency %5 ms, interval %6 cycles, bottleneck <b>%7</b><br>"
           "DSP %8 · BRAM %9 · LUT %10 · FF %11")
            .arg(device.toHtmlEscaped(), plots::style::number(e.clockMhz))
            .arg(e.batch)
            .arg(plots::style::number(e.throughputFps, 0), plots::style::number(e.latencySeconds * 1000, 3),
                 plots::style::number(e.intervalCycles), bottleneck.toHtmlEscaped(), used(e.total.dsp, budget.dsp),
                 used(e.total.bram18, budget.bram18), used(e.total.lut, budget.lut))
            .arg(used(e.total.ff, budget.ff)));
}

} // namespace foldwise::gui
