#include "dialogs/TaskDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace foldwise::gui {

TaskDialog::TaskDialog(const QString& title, const QString& model, QWidget* parent)
    : QDialog(parent)
    , form_(new QFormLayout)
    , message_(new QLabel(this))
    , buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    auto* modelLabel = new QLabel(tr("Model: %1").arg(QDir::toNativeSeparators(model)), this);
    modelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(modelLabel);
    form_->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(form_);
    message_->setObjectName(QStringLiteral("problem"));
    message_->setWordWrap(true);
    message_->hide();
    layout->addWidget(message_);
    layout->addWidget(buttons_);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("&Run"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &TaskDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &TaskDialog::reject);
    setMinimumWidth(560);
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
    QDialog::accept();
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
