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
    : TaskDialog(title, context, parent)
    , report_(new QCheckBox(tr("Also write the pass's JSON report (<output>.json)"), this))
    , operation_(operation)
{
    report_->setObjectName(QStringLiteral("writeReport"));
    addOutputRow(tr("&Output model:"), PathEdit::Mode::SaveFile, context.uniquePath(suffix, QStringLiteral("onnx")),
                 tr("ONNX models (*.onnx)"));
    form()->addRow(QString(), report_);
}

ops::PassParameters PassDialog::passParameters() const
{
    const QFileInfo output(outputPath());
    ops::PassParameters p;
    p.model = engineText(model());
    p.output = engineText(outputPath());
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
    if (QFileInfo(outputPath()).absoluteFilePath() == QFileInfo(model()).absoluteFilePath())
        return tr("The output must not replace the model itself.");
    return missingOutputProblem(outputPath(), tr("the model to write"));
}

} // namespace foldwise::gui
