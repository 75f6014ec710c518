#include "Resources.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

#include <array>

// Q_INIT_RESOURCE declares the registration function in the enclosing namespace, so it
// has to be used at global scope.
static void registerFoldwiseResources()
{
    Q_INIT_RESOURCE(foldwise);
}

namespace foldwise::gui::resources {

void init()
{
    static const bool registered = [] {
        registerFoldwiseResources();
        return true;
    }();
    Q_UNUSED(registered);
}

QIcon applicationIcon()
{
    init();
    QSvgRenderer renderer(QString::fromLatin1(kApplicationIcon));
    if (!renderer.isValid())
        return {};
    QIcon icon;
    for (const int size : std::array{16, 24, 32, 48, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace foldwise::gui::resources
