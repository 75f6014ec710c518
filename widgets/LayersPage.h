#pragma once

#include "layers/LayerKind.h"
#include "layers/ModelSummary.h"

#include <QWidget>

#include <memory>

class QLineEdit;
class QTableView;

namespace foldwise::gui {

class LayerFilterProxyModel;
class LayerTableModel;

// The layer table with its filter field: one row per layer, sortable by any column.
class LayersPage : public QWidget {
    Q_OBJECT

public:
    explicit LayersPage(QWidget* parent = nullptr);

    void setSummary(std::shared_ptr<const ModelSummary> summary);

    // Selects the first visible row (in the current sort order) whose layer is of `kind`;
    // false when there is none.
    bool selectFirstLayerOfKind(LayerKind kind);
    void selectFirstRow();
    // Selects the row of a layer (index into ModelSummary::layers) and scrolls to it; a filter
    // that hides the row is cleared first. False when there is no such layer.
    bool selectLayer(int layerIndex);
    // The selected layer, or -1.
    int currentLayer() const;

    LayerTableModel* tableModel() const { return model_; }
    LayerFilterProxyModel* proxyModel() const { return proxy_; }

public slots:
    void focusFilter();

signals:
    // Index into ModelSummary::layers of the selected row, or -1 when none is selected.
    void currentLayerChanged(int layerIndex);

private:
    void onSelectionChanged();
    void resizeColumns();

    LayerTableModel* model_;
    LayerFilterProxyModel* proxy_;
    QLineEdit* filter_;
    QTableView* view_;
};

} // namespace foldwise::gui
