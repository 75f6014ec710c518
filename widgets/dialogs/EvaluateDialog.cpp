#include "dialogs/EvaluateDialog.h"

#include "dialogs/ArtifactCombo.h"
#include "dialogs/PathEdit.h"
#include "dialogs/PlatformCombo.h"

#include <QFormLayout>

namespace foldwise::gui {

EvaluateDialog::EvaluateDialog(const TaskDialogContext& context, QWidget* parent)
    : TaskDialog(tr("Evaluate a Design"), context.model, parent)
    , model_(context.model)
    , design_(new ArtifactCombo(context.designs, {}, tr("Designs (*.json)"), this))
    , platform_(new PlatformCombo(tr("The design's"), this))
    , profile_(new ArtifactCombo(context.profiles, tr("None (dense)"), tr("Profiles (*.json)"), this))
    , output_(new PathEdit(PathEdit::Mode::Folder))
{
    output_->setObjectName(QStringLiteral("outputPath"));
    output_->setPath(context.uniquePath(QStringLiteral("evaluation")));
    form()->addRow(tr("&Design:"), design_);
    form()->addRow(tr("&Platform:"), platform_);
    form()->addRow(tr("P&rofile:"), profile_);
    form()->addRow(tr("Output &folder:"), output_);
}

EvaluateSettings EvaluateDialog::settings() const
{
    return {model_, design_->path(), platform_->platform(), profile_->path(), output_->path()};
}

QString EvaluateDialog::problem() const
{
    QString text = missingFileProblem(design_->path(), tr("the design"));
    if (text.isEmpty() && !profile_->path().isEmpty())
        text = missingFileProblem(profile_->path(), tr("the profile"));
    if (text.isEmpty() && output_->path().isEmpty())
        text = tr("Choose the output folder.");
    return text;
}

} // namespace foldwise::gui
