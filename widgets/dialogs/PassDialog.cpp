#include "dialogs/PassDialog.h"

#include "dialogs/PathEdit.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>

namespace foldwise::gui {

PassDialog::PassDialog(const QString& title, const QString& suffix, const TaskDialogContext& context, QWidget* parent,
                       TaskFactory createTask)
    : TaskDialog(title, context.model, parent)
    , model_(context.model)
    , output_(new PathEdit(PathEdit::Mode::SaveFile, tr("ONNX models (*.onnx)")))
    , report_(new QCheckBox(tr("Also write the pass's JSON report (<output>.json)"), this))
    , createTask_(std::move(createTask))
{
    report_->setObjectName(QStringLiteral("writeReport"));
    output_->setObjectName(QStringLiteral("outputPath"));
    output_->setPath(context.uniquePath(suffix, QStringLiteral("onnx")));
    form()->addRow(tr("&Output model:"), output_);
    form()->addRow(QString(), report_);
}

PassSettings PassDialog::settings() const
{
    const QFileInfo output(output_->path());
    const QString report = report_->isChecked()
        ? output.absoluteDir().filePath(output.completeBaseName() + QStringLiteral(".json"))
        : QString();
    return {model_, output_->path(), report};
}

std::unique_ptr<PassTask> PassDialog::createTask() const
{
    return createTask_ ? createTask_(settings()) : nullptr;
}

QString PassDialog::problem() const
{
    if (QFileInfo(output_->path()).absoluteFilePath() == QFileInfo(model_).absoluteFilePath())
        return tr("The output must not replace the model itself.");
    return missingOutputProblem(output_->path(), tr("the model to write"));
}

} // namespace foldwise::gui
