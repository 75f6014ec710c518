#include "PropertiesDock.h"

#include "itemmodels/LayerPropertiesModel.h"

#include <QHeaderView>
#include <QTreeView>

namespace foldwise::gui {

PropertiesDock::PropertiesDock(QWidget* parent)
    : QDockWidget(tr("Properties"), parent)
    , model_(new LayerPropertiesModel(this))
    , view_(new QTreeView(this))
{
    setObjectName(QStringLiteral("propertiesDock")); // for saveState()/restoreState()
    view_->setObjectName(QStringLiteral("propertiesView"));
    view_->setModel(model_);
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(true);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setTextElideMode(Qt::ElideMiddle);
    view_->header()->setStretchLastSection(true);
    view_->header()->setSectionResizeMode(LayerPropertiesModel::PropertyColumn, QHeaderView::Interactive);
    setWidget(view_);
}

void PropertiesDock::showLayer(const Model& model, const LayerFigures& layer)
{
    model_->setLayer(model, layer);
    view_->expandAll();
    // Long tensor names must not push the values out of sight; they are elided instead.
    view_->resizeColumnToContents(LayerPropertiesModel::PropertyColumn);
    const int maxWidth = view_->fontMetrics().averageCharWidth() * 32;
    if (view_->columnWidth(LayerPropertiesModel::PropertyColumn) > maxWidth)
        view_->setColumnWidth(LayerPropertiesModel::PropertyColumn, maxWidth);
}

void PropertiesDock::clearLayer()
{
    model_->clearLayer();
}

} // namespace foldwise::gui
