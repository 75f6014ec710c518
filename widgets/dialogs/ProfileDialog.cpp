#include "dialogs/ProfileDialog.h"

#include "dialogs/CalibrationFields.h"
#include "dialogs/PathEdit.h"
#include "tasks/EngineInputs.h"

#include <QFormLayout>
#include <QSpinBox>

namespace foldwise::gui {

ProfileDialog::ProfileDialog(const TaskDialogContext& context, QWidget* parent)
    : TaskDialog(tr("Profile Activation Sparsity"), context, parent)
    , calibration_(new CalibrationFields(form(), this))
    , limit_(new QSpinBox(this))
{
    limit_->setRange(0, 100'000'000);
    limit_->setSpecialValueText(tr("all"));
    limit_->setToolTip(tr("Profile only the first N items of the data"));
    form()->addRow(tr("&Items:"), limit_);
    addOutputRow(tr("&Output:"), PathEdit::Mode::SaveFile,
                 context.uniquePath(QStringLiteral("profile"), QStringLiteral("json")), tr("Profiles (*.json)"));
}

ops::ProfileParameters ProfileDialog::parameters() const
{
    ops::ProfileParameters p;
    p.model = engineText(model());
    p.data = engineText(calibration_->data());
    p.labels = engineText(calibration_->labels());
    p.limit = static_cast<std::uint64_t>(limit_->value());
    p.output = engineText(outputPath());
    p.given = {"model", "data", "labels", "limit", "output"};
    return p;
}

void ProfileDialog::rememberChoices() const
{
    calibration_->remember();
}

QString ProfileDialog::problem() const
{
    const QString text = calibration_->problem();
    return text.isEmpty() ? missingOutputProblem(outputPath(), tr("the profile to write")) : text;
}

} // namespace foldwise::gui
