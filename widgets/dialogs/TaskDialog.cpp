#include "dialogs/TaskDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

namespace foldwise::gui {

TaskDialog::TaskDialog(const QString& title, const TaskDialogContext& context, QWidget* parent)
    : FormDialog(title, parent)
    , model_(context.model)
    , message_(new QLabel(this))
{
    auto* modelLabel = new QLabel(tr("Model: %1").arg(QDir::toNativeSeparators(model_)), this);
    modelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addAboveForm(modelLabel);
    form()->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    message_->setObjectName(QStringLiteral("problem"));
    message_->setWordWrap(true);
    message_->hide();
    addBelowForm(message_);
    buttons()->button(QDialogButtonBox::Ok)->setText(tr("&Run"));
    setMinimumWidth(560);
}

void TaskDialog::addOutputRow(const QString& label, PathEdit::Mode mode, const QString& defaultPath,
                              const QString& filter)
{
    output_ = new PathEdit(mode, filter, this);
    output_->setObjectName(QStringLiteral("outputPath"));
    output_->setPath(defaultPath);
    form()->addRow(label, output_);
}

void TaskDialog::accept()
{
    const QString text = problem();
    if (!text.isEmpty()) {
        message_->setText(text);
        message_->show();
        return;
    }
    rememberChoices();
    FormDialog::accept();
}

QString missingFileProblem(const QString& path, const QString& what)
{
    if (path.isEmpty())
        //: %1 names a field, e.g. "the calibration data"
        return TaskDialog::tr("Choose %1.").arg(what);
    if (!path.startsWith(QLatin1String("synthetic:")) && !QFileInfo::exists(path))
        return TaskDialog::tr("%1 does not exist.").arg(QDir::toNativeSeparators(path));
    return {};
}

QString missingOutputProblem(const QString& path, const QString& what)
{
    if (path.isEmpty())
        return TaskDialog::tr("Choose %1.").arg(what);
    const QFileInfo info(path);
    if (!info.absoluteDir().exists() && !QFileInfo(info.absolutePath()).absoluteDir().exists())
        return TaskDialog::tr("The folder of %1 does not exist.").arg(QDir::toNativeSeparators(path));
    return {};
}

} // namespace foldwise::gui
