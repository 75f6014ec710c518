#include "graph/HardwareSupportCheck.h"

#include "model/Model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace foldwise::gui {
namespace {

constexpr int kNone = -1;

} // namespace

HardwareSupportCheck::HardwareSupportCheck(QWidget* parent)
    : QWidget(parent), combo_(new QComboBox(this)), summary_(new QLabel(this))
{
    setObjectName(QStringLiteral("hardwareSupportCheck"));
    combo_->setObjectName(QStringLiteral("hardwareSupportStyle"));
    //: The hardware-support check is off
    combo_->addItem(tr("No check"), kNone);
    combo_->addItem(tr("fpgaConvNet"), static_cast<int>(HardwareStyle::FpgaConvNet));
    combo_->addItem(tr("FINN"), static_cast<int>(HardwareStyle::Finn));
    combo_->setToolTip(tr("Mark the nodes a hardware style has no layer for, with the reason"));
    summary_->setObjectName(QStringLiteral("hardwareSupportSummary"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    // A tool bar squeezes its widgets; these keep their words readable.
    combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo_->setMinimumWidth(combo_->sizeHint().width());
    summary_->setMinimumWidth(summary_->fontMetrics().horizontalAdvance(tr("not buildable")) + 8);
    layout->addWidget(new QLabel(tr("Check:"), this));
    layout->addWidget(combo_);
    layout->addWidget(summary_);
    connect(combo_, &QComboBox::activated, this, [this] { check(); });
}

void HardwareSupportCheck::setModel(std::shared_ptr<const Model> model)
{
    model_ = std::move(model);
    check();
}

void HardwareSupportCheck::setStyle(std::optional<HardwareStyle> style)
{
    combo_->setCurrentIndex(combo_->findData(style ? static_cast<int>(*style) : kNone));
    check();
}

std::optional<HardwareStyle> HardwareSupportCheck::style() const
{
    const int value = combo_->currentData().toInt();
    return value == kNone ? std::nullopt : std::optional<HardwareStyle>(static_cast<HardwareStyle>(value));
}

QString HardwareSupportCheck::summaryText() const
{
    return summary_->toolTip();
}

void HardwareSupportCheck::check()
{
    QHash<QString, QString> reasons;
    const std::optional<HardwareStyle> chosen = style();
    if (!model_ || !chosen) {
        summary_->clear();
        summary_->setToolTip(QString());
        emit unsupportedNodesChanged(reasons);
        return;
    }
    const HardwareSupport support = checkHardwareSupport(*model_, *chosen);
    const QString styleName = QString::fromLatin1(hardwareStyleName(*chosen));
    for (const UnsupportedNode& n : support.unsupported)
        reasons.insert(QString::fromStdString(n.node), QString::fromStdString(n.reason));
    // The toolbar has room for a few words; the sentence is in the tooltip.
    if (!support.modelProblem.empty()) {
        summary_->setStyleSheet(QStringLiteral("color: #c62828"));
        //: Short toolbar text: the hardware style cannot build the model at all
        summary_->setText(tr("not buildable"));
        //: %1 is a hardware style (fpgaConvNet, FINN), %2 why it cannot build the model
        summary_->setToolTip(tr("%1 cannot build this model: %2").arg(styleName, QString::fromStdString(support.modelProblem)));
    } else if (!reasons.isEmpty()) {
        summary_->setStyleSheet(QStringLiteral("color: #c62828"));
        //: Short toolbar text: %n nodes are marked in the graph as not buildable
        summary_->setText(tr("%n marked", nullptr, static_cast<int>(reasons.size())));
        //: %n nodes are marked in the graph; %1 is a hardware style (fpgaConvNet, FINN)
        summary_->setToolTip(tr("%1 has no layer for %n node(s); they are marked in the graph, the reason in each "
                                "node's tooltip", nullptr, static_cast<int>(reasons.size())).arg(styleName));
    } else {
        summary_->setStyleSheet(QString());
        //: Short toolbar text: the hardware style can build every layer
        summary_->setText(tr("all buildable"));
        //: %1 is a hardware style (fpgaConvNet, FINN)
        summary_->setToolTip(tr("%1 builds every layer").arg(styleName));
    }
    emit unsupportedNodesChanged(reasons);
}

} // namespace foldwise::gui
