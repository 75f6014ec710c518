#include "analysis/SweepBrowser.h"

#include "RecordTable.h"
#include "analysis/AnalysisDocument.h"
#include "itemmodels/RunLogModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSlider>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace foldwise::gui {

SweepBrowser::SweepBrowser(AnalysisDocument* document, QWidget* parent)
    : QWidget(parent)
    , document_(document)
    , model_(new RunLogModel(this))
    , title_(new QLabel(this))
    , slider_(new QSlider(Qt::Horizontal, this))
    , previous_(new QToolButton(this))
    , next_(new QToolButton(this))
    , position_(new QLabel(this))
    , table_(newRecordTable(QStringLiteral("iterationTable"), model_, 6, this))
    , compare_(new QComboBox(this))
{
    setObjectName(QStringLiteral("sweepBrowser"));
    title_->setWordWrap(true);
    slider_->setObjectName(QStringLiteral("iterationSlider"));
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setPageStep(1);
    slider_->setToolTip(tr("Step through the sweep's iterations (the arrow keys step one)"));
    previous_->setArrowType(Qt::LeftArrow);
    previous_->setToolTip(tr("Previous iteration"));
    next_->setArrowType(Qt::RightArrow);
    next_->setToolTip(tr("Next iteration"));
    compare_->setObjectName(QStringLiteral("compareIteration"));
    compare_->setToolTip(tr("Show a second iteration beside the current one in the plots and the layer table"));

    table_->horizontalHeader()->setStretchLastSection(true);

    auto* stepRow = new QHBoxLayout;
    stepRow->addWidget(previous_);
    stepRow->addWidget(slider_, 1);
    stepRow->addWidget(next_);
    stepRow->addWidget(position_);
    auto* compareRow = new QHBoxLayout;
    auto* compareLabel = new QLabel(tr("Compare &with:"), this);
    compareLabel->setBuddy(compare_);
    compareRow->addWidget(compareLabel);
    compareRow->addWidget(compare_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(title_);
    layout->addLayout(stepRow);
    layout->addLayout(compareRow);
    layout->addWidget(table_, 1);

    connect(slider_, &QSlider::valueChanged, this, &SweepBrowser::onSliderMoved);
    connect(previous_, &QToolButton::clicked, this, [this] { step(-1); });
    connect(next_, &QToolButton::clicked, this, [this] { step(1); });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SweepBrowser::onRowSelected);
    connect(compare_, &QComboBox::activated, this, &SweepBrowser::onCompareChosen);
    connect(document_, &AnalysisDocument::runLogChanged, this, &SweepBrowser::onRunLogChanged);
    connect(document_, &AnalysisDocument::iterationChanged, this, &SweepBrowser::onIterationChanged);
    connect(document_, &AnalysisDocument::compareChanged, this, &SweepBrowser::onIterationChanged);
    onRunLogChanged();
}

void SweepBrowser::onRunLogChanged()
{
    syncing_ = true;
    const auto run = document_->runLog();
    model_->setRunLog(run);
    const int n = run ? static_cast<int>(run->log.iterations.size()) : 0;
    slider_->setRange(0, std::max(0, n - 1));
    setEnabled(n > 0);
    compare_->clear();
    compare_->addItem(tr("None"), -1);
    if (run) {
        for (const RunIteration& it : run->log.iterations)
            compare_->addItem(tr("Iteration %1").arg(it.index), it.index);
        QStringList facts;
        if (run->log.policy)
            facts << tr("policy %1").arg(QString::fromStdString(*run->log.policy));
        if (run->log.mode)
            facts << tr("mode %1").arg(QString::fromStdString(*run->log.mode));
        if (!run->platform.empty())
            facts << QString::fromStdString(run->platform);
        //: %1 is the run log's name, %2 its number of iterations, %3 facts such as "policy uniform, mode fixed"
        title_->setText(tr("<b>%1</b>: %n iteration(s)", nullptr, n).arg(QString::fromStdString(run->log.name).toHtmlEscaped())
                        + (facts.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(facts.join(QStringLiteral(", ")))));
    } else {
        title_->setText(tr("No run log loaded. Open a sweep's run directory with Analysis > Open Run Log…"));
    }
    table_->resizeColumnsToContents();
    syncing_ = false;
    onIterationChanged();
}

void SweepBrowser::onIterationChanged()
{
    syncing_ = true;
    const int row = model_->rowOf(document_->iteration());
    model_->setIterations(document_->iteration(), document_->compareIteration());
    if (row >= 0) {
        slider_->setValue(row);
        table_->selectRow(row);
        table_->scrollTo(model_->index(row, 0));
    }
    const int n = model_->rowCount();
    position_->setText(n > 0 && row >= 0 ? tr("%1 / %2").arg(row + 1).arg(n) : QString());
    previous_->setEnabled(row > 0);
    next_->setEnabled(row >= 0 && row + 1 < n);
    compare_->setCurrentIndex(std::max(0, compare_->findData(document_->compareIteration())));
    syncing_ = false;
}

void SweepBrowser::onSliderMoved(int position)
{
    if (syncing_)
        return;
    const QModelIndex index = model_->index(position, 0);
    if (index.isValid())
        document_->setIteration(index.data(RunLogModel::IterationRole).toInt());
}

void SweepBrowser::onRowSelected()
{
    if (syncing_)
        return;
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        document_->setIteration(rows.first().data(RunLogModel::IterationRole).toInt());
}

void SweepBrowser::onCompareChosen(int comboIndex)
{
    if (!syncing_)
        document_->setCompareIteration(compare_->itemData(comboIndex).toInt());
}

void SweepBrowser::step(int delta)
{
    slider_->setValue(slider_->value() + delta);
}

} // namespace foldwise::gui
