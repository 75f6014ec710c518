#include "dialogs/PruneDialog.h"

#include "dialogs/CalibrationFields.h"
#include "dialogs/PathEdit.h"
#include "dialogs/PlatformCombo.h"
#include "tasks/EngineInputs.h"
#include "tasks/OperationTask.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace foldwise::gui {

PruneDialog::PruneDialog(const QString& title, const TaskDialogContext& context, QWidget* parent)
    : PassDialog(title, QStringLiteral("pruned"), context, parent)
    , criterion_(new QComboBox(this))
    , byRate_(new QRadioButton(tr("Fraction of the &channels:"), this))
    , rate_(new QDoubleSpinBox(this))
    , byParameters_(new QRadioButton(tr("&Parameters to keep:"), this))
    , parameters_(new QSpinBox(this))
    , simd_(new QLineEdit(this))
    , platform_(new PlatformCombo({}, this))
    , measureAccuracy_(new QCheckBox(tr("Measure accuracy and fidelity before and after"), this))
    , calibration_(nullptr)
    , recipe_(new QCheckBox(tr("Also write a SparseML recipe (<output>.yaml)"), this))
{
    criterion_->setObjectName(QStringLiteral("criterion"));
    criterion_->addItem(tr("Global: one score threshold over all layers"), QStringLiteral("global"));
    criterion_->addItem(tr("Local: the same fraction of every layer"), QStringLiteral("local"));
    criterion_->addItem(tr("Safe: global, residual trunk kept"), QStringLiteral("safe"));
    byRate_->setObjectName(QStringLiteral("byRate"));
    byRate_->setChecked(true);
    rate_->setObjectName(QStringLiteral("rate"));
    rate_->setRange(0, 0.99);
    rate_->setDecimals(2);
    rate_->setSingleStep(0.05);
    rate_->setValue(0.25);
    byParameters_->setObjectName(QStringLiteral("byParameters"));
    parameters_->setObjectName(QStringLiteral("parameters"));
    parameters_->setGroupSeparatorShown(true);
    const qint64 all = std::clamp<qint64>(context.parameters, 1, std::numeric_limits<int>::max());
    parameters_->setRange(1, static_cast<int>(all));
    parameters_->setValue(static_cast<int>(std::max<qint64>(1, all / 2)));
    parameters_->setToolTip(tr("Found by bisection, within 1% (the model has %L1)").arg(context.parameters));
    parameters_->setEnabled(false);
    simd_->setObjectName(QStringLiteral("simd"));
    simd_->setPlaceholderText(tr("1 for every layer"));
    simd_->setToolTip(tr("FINN SIMD per prunable layer, or one value for all, e.g. \"9,16,16\": kept channel counts "
                         "become multiples of it"));
    measureAccuracy_->setObjectName(QStringLiteral("measureAccuracy"));
    measureAccuracy_->setChecked(true);
    recipe_->setObjectName(QStringLiteral("writeRecipe"));

    auto* amount = new QGridLayout;
    amount->addWidget(byRate_, 0, 0);
    amount->addWidget(rate_, 0, 1);
    amount->addWidget(byParameters_, 1, 0);
    amount->addWidget(parameters_, 1, 1);
    form()->insertRow(0, tr("C&riterion:"), criterion_);
    form()->insertRow(1, tr("Remove:"), amount);
    form()->insertRow(2, tr("FINN &SIMD:"), simd_);
    form()->insertRow(3, tr("P&latform:"), platform_);
    form()->addRow(QString(), measureAccuracy_);
    calibration_ = new CalibrationFields(form(), this);
    form()->addRow(QString(), recipe_);

    connect(byRate_, &QRadioButton::toggled, this, [this](bool rate) {
        rate_->setEnabled(rate);
        parameters_->setEnabled(!rate);
    });
    connect(measureAccuracy_, &QCheckBox::toggled, this, [this](bool on) {
        calibration_->dataEdit()->setEnabled(on);
        calibration_->labelsEdit()->setEnabled(on);
    });
}

ops::PruneParameters PruneDialog::parameters() const
{
    const ops::PassParameters pass = passParameters();
    ops::PruneParameters p;
    p.model = pass.model;
    p.output = pass.output;
    p.report = pass.report;
    p.given = {"model", "output", "report", "criterion", "simd_list", "platform", "data", "labels", "recipe"};
    p.criterion = parseEnum<passes::PruneCriterion>(criterion_->currentData().toString().toStdString());
    if (byRate_->isChecked()) {
        p.rate = rate_->value();
        p.given.insert("rate");
    } else {
        p.targetParams = parameters_->value();
        p.given.insert("target_params");
    }
    if (!simd_->text().trimmed().isEmpty())
        p.simd = parsePositiveIntegers(simd_->text()).value_or(std::vector<int64_t>{});
    p.platform = platform_->currentName().toStdString();
    if (measureAccuracy_->isChecked()) {
        p.data = engineText(calibration_->data());
        p.labels = engineText(calibration_->labels());
    }
    if (recipe_->isChecked()) {
        const QFileInfo output(QString::fromStdString(pass.output));
        p.recipe = engineText(output.absoluteDir().filePath(output.completeBaseName() + QStringLiteral(".yaml")));
    }
    return p;
}

std::unique_ptr<OperationTask> PruneDialog::createTask() const
{
    return std::make_unique<OperationTask>(ops::pruneOperation(), std::make_unique<ops::PruneParameters>(parameters()));
}

QString PruneDialog::problem() const
{
    if (!simd_->text().trimmed().isEmpty() && !parsePositiveIntegers(simd_->text()))
        return tr("The SIMD list must be positive integers separated by commas, e.g. \"9,16,16\".");
    if (measureAccuracy_->isChecked()) {
        const QString text = calibration_->problem();
        if (!text.isEmpty())
            return text;
    }
    return PassDialog::problem();
}

void PruneDialog::rememberChoices() const
{
    platform_->remember();
    if (measureAccuracy_->isChecked())
        calibration_->remember();
}

} // namespace foldwise::gui
