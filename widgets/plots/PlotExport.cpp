#include "plots/PlotExport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace foldwise::gui::plots {
namespace {

class PlotExportText {
    Q_DECLARE_TR_FUNCTIONS(PlotExportText)
};

QSize exportSize(QCustomPlot* plot, QSize size)
{
    if (size.isEmpty())
        size = plot->size();
    if (size.isEmpty())
        size = QSize(800, 500);
    return size;
}

// Paints the plot vectorised onto `device` (PDF, SVG; both at 96 dpi, one unit per pixel).
void paintVector(QCustomPlot* plot, QPaintDevice* device, QSize size)
{
    QCPPainter painter;
    painter.begin(device);
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setRenderHint(QPainter::Antialiasing);
    plot->toPainter(&painter, size.width(), size.height());
    painter.end();
}

void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

} // namespace

QStringList plotExportSuffixes()
{
    return {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")};
}

QString plotExportFilter()
{
    return PlotExportText::tr("PNG image (*.png);;PDF document (*.pdf);;SVG image (*.svg)");
}

QImage plotImage(QCustomPlot* plot, QSize size, double scale)
{
    size = exportSize(plot, size);
    return plot->toPixmap(size.width(), size.height(), scale).toImage();
}

bool exportPlot(QCustomPlot* plot, const QString& path, QString* error, QSize size)
{
    size = exportSize(plot, size);
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString shown = QDir::toNativeSeparators(path);
    if (!plotExportSuffixes().contains(suffix)) {
        //: %1 is a file path
        setError(error, PlotExportText::tr("%1: unknown image type; use .png, .pdf or .svg").arg(shown));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, PlotExportText::tr("%1: %2").arg(shown, file.errorString()));
        return false;
    }
    if (suffix == QLatin1String("png")) {
        if (!plotImage(plot, size).save(&file, "PNG")) {
            file.cancelWriting();
            setError(error, PlotExportText::tr("%1: cannot encode the PNG image").arg(shown));
            return false;
        }
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(&file);
        writer.setResolution(96);
        // A page exactly the plot's size: 96 dpi pixels are 0.75 points.
        writer.setPageSize(QPageSize(QSizeF(size) * 0.75, QPageSize::Point));
        writer.setPageMargins({});
        writer.setCreator(QStringLiteral("Foldwise"));
        paintVector(plot, &writer, size);
    } else {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(QStringLiteral("Foldwise plot"));
        generator.setResolution(96);
        paintVector(plot, &generator, size);
    }
    if (!file.commit()) {
        setError(error, PlotExportText::tr("%1: %2").arg(shown, file.errorString()));
        return false;
    }
    return true;
}

} // namespace foldwise::gui::plots
