#pragma once

// A file dragged from a file manager onto a widget and dropped, delivered as Qt delivers it: the
// drag enters (and the widget accepts or refuses it), then, only if it was accepted, the drop.

#include <QCoreApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>

namespace fixtures {

struct DropOutcome {
    bool dragAccepted = false;
    bool dropAccepted = false;
};

inline DropOutcome dropFile(QObject* target, const QString& file)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.ignore();
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return {};
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return {true, drop.isAccepted()};
}

} // namespace fixtures
