#include "dialogs/CalibrationFields.h"

#include "dialogs/PathEdit.h"
#include "dialogs/TaskDialog.h"

#include <QFormLayout>
#include <QSettings>

namespace foldwise::gui {
namespace {

const QString kDataKey = QStringLiteral("tasks/data");
const QString kLabelsKey = QStringLiteral("tasks/labels");

} // namespace

CalibrationFields::CalibrationFields(QFormLayout* form, QObject* parent)
    : QObject(parent)
    , data_(new PathEdit(PathEdit::Mode::FileOrFolder, tr("Arrays and tensors (*.npy *.pb);;All files (*)")))
    , labels_(new PathEdit(PathEdit::Mode::OpenFile, tr("Labels (*.npy *.csv);;All files (*)")))
{
    data_->setObjectName(QStringLiteral("dataPath"));
    labels_->setObjectName(QStringLiteral("labelsPath"));
    data_->setToolTip(tr("A .npy array, a .pb tensor, a folder of images or .pb files, or synthetic:N[:SEED]"));
    data_->setPlaceholderText(tr("calib.npy, an image folder or synthetic:64"));
    labels_->setPlaceholderText(tr("optional"));
    const QSettings settings;
    data_->setPath(settings.value(kDataKey, QStringLiteral("synthetic:64")).toString());
    labels_->setPath(settings.value(kLabelsKey).toString());
    form->addRow(tr("Calibration &data:"), data_);
    form->addRow(tr("&Labels:"), labels_);
}

QString CalibrationFields::data() const
{
    return data_->path();
}

QString CalibrationFields::labels() const
{
    return labels_->path();
}

void CalibrationFields::setData(const QString& data)
{
    data_->setPath(data);
}

void CalibrationFields::setLabels(const QString& labels)
{
    labels_->setPath(labels);
}

QString CalibrationFields::problem() const
{
    QString text = missingFileProblem(data(), tr("the calibration data"));
    if (text.isEmpty() && !labels().isEmpty())
        text = missingFileProblem(labels(), tr("the labels"));
    return text;
}

void CalibrationFields::remember() const
{
    QSettings settings;
    settings.setValue(kDataKey, data());
    settings.setValue(kLabelsKey, labels());
}

} // namespace foldwise::gui
