#pragma once

#include "layers/LayerFigures.h"

#include <QStandardItemModel>

namespace foldwise::gui {

// The properties of one layer as a two-column tree (property, value) grouped in sections:
// the layer, its figures, its geometry, its attributes and its input and output tensors.
class LayerPropertiesModel : public QStandardItemModel {
    Q_OBJECT

public:
    enum Column { PropertyColumn, ValueColumn };

    explicit LayerPropertiesModel(QObject* parent = nullptr);

    void setLayer(const Model& model, const LayerFigures& layer);
    void clearLayer();

private:
    QStandardItem* addSection(const QString& title);
    QStandardItem* addRow(QStandardItem* section, const QString& property, const QString& value,
                          const QString& toolTip = {});
    void addFigures(const LayerFigures& layer);
    void addGeometry(const LayerFigures& layer);
    void addQuantisation(const LayerFigures& layer);
    void addAttributes(const Node& node);
    void addTensors(const QString& title, const Graph& graph, const std::vector<TensorId>& tensors);
};

} // namespace foldwise::gui
