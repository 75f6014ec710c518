#include "dialogs/EvaluateDialog.h"

#include "tasks/EngineInputs.h"

#include "dialogs/ArtifactCombo.h"
#include "dialogs/CostModelCombo.h"
#include "dialogs/PathEdit.h"
#include "dialogs/PlatformCombo.h"

#include <QCheckBox>
#include <QFormLayout>

namespace foldwise::gui {

EvaluateDialog::EvaluateDialog(const TaskDialogContext& context, QWidget* parent)
    : TaskDialog(tr("Evaluate a Design"), context, parent)
    , design_(new ArtifactCombo(context.designs, {}, tr("Designs (*.json)"), this))
    , platform_(new PlatformCombo(tr("The design's"), this))
    , profile_(new ArtifactCombo(context.profiles, tr("None (dense)"), tr("Profiles (*.json)"), this))
    , costModel_(new CostModelCombo(tr("The design's"), this))
    , fidelity_(new QCheckBox(tr("Compare with fpgaConvNet's &model (fidelity.csv, fidelity.json)"), this))
{
    fidelity_->setObjectName(QStringLiteral("fidelity"));
    fidelity_->setToolTip(tr("Each layer's cycles and resources on Foldwise's model and on fpgaConvNet's, and how far "
                             "they differ"));
    form()->addRow(tr("&Design:"), design_);
    form()->addRow(tr("&Platform:"), platform_);
    form()->addRow(tr("P&rofile:"), profile_);
    form()->addRow(tr("&Cost model:"), costModel_);
    form()->addRow(QString(), fidelity_);
    addOutputRow(tr("Output &folder:"), PathEdit::Mode::Folder, context.uniquePath(QStringLiteral("evaluation")));
}

ops::EvaluateParameters EvaluateDialog::parameters() const
{
    ops::EvaluateParameters p;
    p.model = engineText(model());
    p.design = engineText(design_->path());
    p.platform = platform_->currentName().toStdString();
    p.profile = engineText(profile_->path());
    p.outputDir = engineText(outputPath());
    p.costModel = costModel_->currentName().toStdString();
    p.fidelity = fidelity_->isChecked();
    p.given = {"model", "design", "platform", "profile", "output_dir", "cost_model", "fidelity"};
    return p;
}

QString EvaluateDialog::problem() const
{
    QString text = missingFileProblem(design_->path(), tr("the design"));
    if (text.isEmpty() && !profile_->path().isEmpty())
        text = missingFileProblem(profile_->path(), tr("the profile"));
    if (text.isEmpty() && outputPath().isEmpty())
        text = tr("Choose the output folder.");
    return text;
}

} // namespace foldwise::gui
