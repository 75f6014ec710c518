#pragma once

#include "layers/ModelSummary.h"

#include <QStatusBar>

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
    QLabel* file_;
    QLabel* nodes_;
    QLabel* macs_;
    QLabel* params_;
    QLabel* warnings_;
};

} // namespace foldwise::gui
