#include "SummaryStatusBar.h"

#include "DisplayText.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QStringList>

namespace foldwise::gui {

SummaryStatusBar::SummaryStatusBar(QWidget* parent)
    : QStatusBar(parent)
    , file_(addField(QStringLiteral("statusFile")))
    , nodes_(addField(QStringLiteral("statusNodes")))
    , macs_(addField(QStringLiteral("statusMacs")))
    , params_(addField(QStringLiteral("statusParams")))
    , warnings_(addField(QStringLiteral("statusWarnings")))
{
    clearModel();
}

QLabel* SummaryStatusBar::addField(const QString& objectName)
{
    auto* label = new QLabel(this);
    label->setObjectName(objectName);
    label->setContentsMargins(6, 0, 6, 0);
    addPermanentWidget(label);
    return label;
}

void SummaryStatusBar::showModel(const Model& model, const ModelSummary& summary)
{
    const ModelTotals& totals = summary.totals;
    const QString path = QString::fromStdString(model.file().string());
    file_->setText(QFileInfo(path).fileName());
    file_->setToolTip(QDir::toNativeSeparators(path));
    nodes_->setText(totals.customNodes > 0
                        //: %1 is the node count, %2 how many of them are custom ops
                        ? tr("Nodes: %1 (%2 custom)").arg(DisplayText::count(totals.nodes), DisplayText::count(totals.customNodes))
                        : tr("Nodes: %1").arg(DisplayText::count(totals.nodes)));
    QStringList kinds;
    for (const auto& [kind, count] : totals.nodesByKind)
        //: Per-kind node count in a tooltip: %1 kind, %2 count
        kinds << tr("%1: %2").arg(DisplayText::kind(kind), DisplayText::count(count));
    nodes_->setToolTip(kinds.join(QLatin1Char('\n')));
    macs_->setText(tr("MACs: %1").arg(DisplayText::count(totals.macs)));
    QString macsToolTip = tr("Multiply-accumulate operations per inference");
    if (totals.layersWithUnknownMacs > 0)
        macsToolTip += QLatin1Char('\n')
            + tr("Layers with unknown MACs (not counted): %1").arg(DisplayText::count(totals.layersWithUnknownMacs));
    macs_->setToolTip(macsToolTip);
    params_->setText(tr("Params: %1").arg(DisplayText::count(totals.params)));
    params_->setToolTip(tr("Elements of constant weights and biases"));

    const std::vector<std::string>& warnings = model.warnings();
    warnings_->setText(tr("Warnings: %1").arg(DisplayText::count(static_cast<int64_t>(warnings.size()))));
    QStringList lines;
    for (const std::string& warning : warnings)
        lines << QString::fromStdString(warning);
    warnings_->setToolTip(lines.join(QLatin1Char('\n')));
    for (QLabel* label : fields())
        label->show();
}

void SummaryStatusBar::clearModel()
{
    for (QLabel* label : fields()) {
        label->clear();
        label->setToolTip({});
        label->hide();
    }
}

} // namespace foldwise::gui
