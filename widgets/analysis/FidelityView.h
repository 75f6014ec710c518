#pragma once

#include "analysis/DesignAnalysis.h"

#include <QWidget>

#include <memory>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace foldwise::gui {

class FidelityTableModel;

// How far Foldwise's native model departs from fpgaConvNet's for the current design (the
// DesignAnalysis's fidelity report): one line for the network (throughput on both models, what
// fpgaConvNet's squeezes add, why fpgaConvNet would not build it) and a sortable table of the
// layers with those beyond 10 % highlighted.
class FidelityView : public QWidget {
    Q_OBJECT

public:
    explicit FidelityView(QWidget* parent = nullptr);

    // Shows the design's report; null (no design), a tool's report or a failed comparison say so.
    void setDesign(std::shared_ptr<const DesignAnalysis> design);

    FidelityTableModel* model() const { return model_; }
    // The table as shown (sorted), for exports.
    QSortFilterProxyModel* proxyModel() const { return proxy_; }
    QTableView* table() const { return table_; }
    QString summaryText() const;

private:
    void showSummary(const DesignAnalysis* design);

    std::shared_ptr<const DesignAnalysis> design_;
    QLabel* summary_;
    FidelityTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
};

} // namespace foldwise::gui
