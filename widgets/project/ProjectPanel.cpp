#include "project/ProjectPanel.h"

#include "project/Project.h"
#include "project/ProjectFilesModel.h"

#include <QListView>
#include <QMenu>

namespace foldwise::gui {

ProjectPanel::ProjectPanel(Project* project, QWidget* parent)
    : QDockWidget(tr("Project Files"), parent)
    , project_(project)
    , model_(new ProjectFilesModel(project, this))
    , view_(new QListView(this))
{
    setObjectName(QStringLiteral("projectPanel"));
    view_->setModel(model_);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->setToolTip(tr("Double-click a file to show it"));
    setWidget(view_);
    connect(view_, &QListView::activated, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit artifactActivated(model_->artifact(index));
    });
    connect(view_, &QListView::customContextMenuRequested, this, &ProjectPanel::showContextMenu);
}

void ProjectPanel::showContextMenu(const QPoint& position)
{
    const QModelIndex index = view_->indexAt(position);
    if (!index.isValid())
        return;
    const Artifact artifact = model_->artifact(index);
    QMenu menu(this);
    menu.addAction(tr("&Show"), this, [this, artifact] { emit artifactActivated(artifact); });
    menu.addAction(tr("&Remove from Project"), this, [this, artifact] { project_->removeArtifact(artifact); });
    menu.exec(view_->viewport()->mapToGlobal(position));
}

} // namespace foldwise::gui
