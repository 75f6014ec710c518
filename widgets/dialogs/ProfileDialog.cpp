#include "dialogs/ProfileDialog.h"

#include "dialogs/CalibrationFields.h"
#include "dialogs/PathEdit.h"
#include "tasks/EngineInputs.h"

#include <QFormLayout>
#include <QSpinBox>

namespace foldwise::gui {

ProfileDialog::ProfileDialog(const TaskDialogContext& context, QWidget* parent)
    : TaskDialog(tr("Profile Activation Sparsity"), context.model, parent)
    , model_(context.model)
    , calibration_(new CalibrationFields(form(), this))
    , limit_(new QSpinBox(this))
    , output_(new PathEdit(PathEdit::Mode::SaveFile, tr("Profiles (*.json)")))
{
    limit_->setRange(0, 100'000'000);
    limit_->setSpecialValueText(tr("all"));
    limit_->setToolTip(tr("Profile only the first N items of the data"));
    output_->setObjectName(QStringLiteral("outputPath"));
    output_->setPath(context.uniquePath(QStringLiteral("profile"), QStringLiteral("json")));
    form()->addRow(tr("&Items:"), limit_);
    form()->addRow(tr("&Output:"), output_);
}

ops::ProfileParameters ProfileDialog::parameters() const
{
    ops::ProfileParameters p;
    p.model = engineText(model_);
    p.data = engineText(calibration_->data());
    p.labels = engineText(calibration_->labels());
    p.limit = static_cast<std::uint64_t>(limit_->value());
    p.output = engineText(output_->path());
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
    return text.isEmpty() ? missingOutputProblem(output_->path(), tr("the profile to write")) : text;
}

} // namespace foldwise::gui
