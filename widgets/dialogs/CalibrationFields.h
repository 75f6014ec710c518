#pragma once

#include <QObject>
#include <QString>

class QFormLayout;

namespace foldwise::gui {

class PathEdit;

// The calibration data and labels fields the profile and sweep dialogs share. The last values
// used are remembered (QSettings), since one model is usually profiled on the same data.
class CalibrationFields : public QObject {
    Q_OBJECT

public:
    CalibrationFields(QFormLayout* form, QObject* parent);

    QString data() const;
    QString labels() const;
    void setData(const QString& data);
    void setLabels(const QString& labels);
    // Empty when the data (and labels, if given) exist.
    QString problem() const;
    // Stores the values as the next dialog's defaults.
    void remember() const;

    PathEdit* dataEdit() const { return data_; }
    PathEdit* labelsEdit() const { return labels_; }

private:
    PathEdit* data_;
    PathEdit* labels_;
};

} // namespace foldwise::gui
