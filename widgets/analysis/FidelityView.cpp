#include "analysis/FidelityView.h"

#include "analysis/AnalysisPage.h"
#include "itemmodels/FidelityTableModel.h"
#include "RecordTable.h"
#include "plots/PlotStyle.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <cmath>

namespace foldwise::gui {

FidelityView::FidelityView(QWidget* parent)
    : QWidget(parent)
    , summary_(summaryLabel(QStringLiteral("fidelitySummary"), this))
    , model_(new FidelityTableModel(this))
    , proxy_(new QSortFilterProxyModel(this))
    , table_(newRecordTable(QStringLiteral("fidelityTable"), proxy_, 6, this))
{
    setObjectName(QStringLiteral("fidelityView"));
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(FidelityTableModel::SortRole);

    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The name takes the room the figures leave; long names are elided, whole in the tooltip.
    header->setSectionResizeMode(FidelityTableModel::NameColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);
    // The design's order first; the header's default indicator would sort descending.
    header->setSortIndicator(FidelityTableModel::IndexColumn, Qt::AscendingOrder);
    table_->setSortingEnabled(true);

    stackVertically(this, {summary_, table_});
    showSummary(nullptr);
}

void FidelityView::setDesign(std::shared_ptr<const DesignAnalysis> design)
{
    if (design == design_)
        return;
    design_ = std::move(design);
    model_->setReport(design_ ? design_->fidelity : nullptr);
    showSummary(design_.get());
}

QString FidelityView::summaryText() const
{
    return summary_->text();
}

namespace {

// Frames per second: whole above 100, else with two decimals (a big network does 2.49 FPS).
QString fps(double value)
{
    return plots::style::number(value, value >= 100 ? 0 : 2);
}

} // namespace

void FidelityView::showSummary(const DesignAnalysis* design)
{
    using plots::style::number;
    const fpgaconvnet::FidelityReport* r = model_->report();
    if (!r) {
        if (!design)
            summary_->setText(tr("<b>fpgaConvNet fidelity</b>: no design loaded."));
        else if (!design->fidelityError.empty())
            summary_->setText(tr("<b>fpgaConvNet fidelity</b>: cannot evaluate the design on fpgaConvNet's model: %1")
                                  .arg(QString::fromStdString(design->fidelityError).toHtmlEscaped()));
        else
            summary_->setText(tr("<b>fpgaConvNet fidelity</b>: only for designs Foldwise evaluates (a tool's report has no "
                                 "folding to evaluate again)."));
        return;
    }
    const double fpsDifference = fpgaconvnet::relativeDifference(r->nativeFps, r->compatibleFps);
    const QString difference = !std::isfinite(fpsDifference) ? tr("n/a")
                               : fpsDifference > 0           ? QStringLiteral("+") + plots::style::percent(fpsDifference)
                                                             : plots::style::percent(fpsDifference);
    QString text =
        //: %1 and %2 frames per second on the two models, %3 their relative difference, %4 LUTs and %5 BRAM18
        //: blocks that fpgaConvNet's squeeze layers add; %6 of %7 layers differ by more than %8 (a percentage)
        tr("<b>fpgaConvNet fidelity</b>: Foldwise %1 frames/s, fpgaConvNet %2 frames/s (%3) · fpgaConvNet's squeezes "
           "add %4 LUT, %5 BRAM · %6 of %7 layers differ by more than %8")
            .arg(fps(r->nativeFps), fps(r->compatibleFps), difference, number(r->squeezes.lut, 0),
                 number(r->squeezes.bram18, 0))
            .arg(model_->exceedingRows())
            .arg(static_cast<qulonglong>(r->layers.size()))
            .arg(plots::style::percent(FidelityTableModel::kHighlightThreshold, 0));
    if (!r->compatibleInfeasibility.empty())
        text += QStringLiteral("<br>")
                + tr("<b>fpgaConvNet would not build it:</b> %1")
                      .arg(QString::fromStdString(r->compatibleInfeasibility).toHtmlEscaped());
    summary_->setText(text);
}

} // namespace foldwise::gui
