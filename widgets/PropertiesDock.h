#pragma once

#include "layers/LayerFigures.h"

#include <QDockWidget>

class QTreeView;

namespace foldwise::gui {

class LayerPropertiesModel;

// The "Properties" dock: everything known about the selected layer.
class PropertiesDock : public QDockWidget {
    Q_OBJECT

public:
    explicit PropertiesDock(QWidget* parent = nullptr);

    void showLayer(const Model& model, const LayerFigures& layer);
    void clearLayer();

    LayerPropertiesModel* propertiesModel() const { return model_; }

private:
    LayerPropertiesModel* model_;
    QTreeView* view_;
};

} // namespace foldwise::gui
