#pragma once

#include "layers/ModelSummary.h"

#include <QStatusBar>

#include <array>

class QLabel;

namespace foldwise::gui {

// The status bar's permanent part: the model's totals (nodes, MACs, parameters), its file
// and the number of warnings loading produced (listed in the tooltip).
class SummaryStatusBar : public QStatusBar {
    Q_OBJECT

public:
    explicit SummaryStatusBar(QWidget* parent = nullptr);

    void showModel(const Model& model, const ModelSummary& summary);
    void clearModel();

private:
    // A permanent label of the bar, named for the tests.
    QLabel* addField(const QString& objectName);
    std::array<QLabel*, 5> fields() const { return {file_, nodes_, macs_, params_, warnings_}; }

    QLabel* file_;
    QLabel* nodes_;
    QLabel* macs_;
    QLabel* params_;
    QLabel* warnings_;
};

} // namespace foldwise::gui
