#include "dialogs/PassDialog.h"

#include "dialogs/PathEdit.h"
#include "tasks/EngineInputs.h"
#include "tasks/OperationTask.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>

namespace foldwise::gui {

PassDialog::PassDialog(const QString& title, const QString& suffix, const TaskDialogContext& context, QWidget* parent,
                       const ops::Operation* operation)
    : TaskDialog(title, context.model, parent)
    , model_(context.model)
    , output_(new PathEdit(PathEdit::Mode::SaveFile, tr("ONNX models (*.onnx)")))
    , report_(new QCheckBox(tr("Also write the pass's JSON report (<output>.json)"), this))
    , operation_(operation)
{
    report_->setObjectName(QStringLiteral("writeReport"));
    output_->setObjectName(QStringLiteral("outputPath"));
    output_->setPath(context.uniquePath(suffix, QStringLiteral("onnx")));
    form()->addRow(tr("&Output model:"), output_);
    form()->addRow(QString(), report_);
}

ops::PassParameters PassDialog::passParameters() const
{
    const QFileInfo output(output_->path());
    ops::PassParameters p;
    p.model = engineText(model_);
    p.output = engineText(output_->path());
    if (report_->isChecked())
        p.report = engineText(output.absoluteDir().filePath(output.completeBaseName() + QStringLiteral(".json")));
    p.given = {"model", "output", "report"};
    return p;
}

std::unique_ptr<OperationTask> PassDialog::createTask() const
{
    if (!operation_)
        return nullptr;
    return std::make_unique<OperationTask>(*operation_, std::make_unique<ops::PassParameters>(passParameters()));
}

QString PassDialog::problem() const
{
    if (QFileInfo(output_->path()).absoluteFilePath() == QFileInfo(model_).absoluteFilePath())
        return tr("The output must not replace the model itself.");
    return missingOutputProblem(output_->path(), tr("the model to write"));
}

} // namespace foldwise::gui
