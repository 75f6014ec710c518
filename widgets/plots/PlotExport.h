#pragma once

#include <QImage>
#include <QSize>
#include <QString>

class QCustomPlot;

namespace foldwise::gui::plots {

// Writes a plot as an image file, chosen by the file's suffix: .png (raster, 2x for sharp
// text), .pdf (vector, QPdfWriter) or .svg (vector, QSvgGenerator). Each is written through a
// QSaveFile, so a failed export leaves an existing file untouched. `size` empty: the plot's
// size on screen. False with a one-line message in *error when it cannot be written.
bool exportPlot(QCustomPlot* plot, const QString& path, QString* error = nullptr, QSize size = {});

// The plot as an image (for "Copy as image" and tests).
QImage plotImage(QCustomPlot* plot, QSize size = {}, double scale = 2.0);

// The suffixes exportPlot understands, lower case, and the file-dialog filter for them.
QStringList plotExportSuffixes();
QString plotExportFilter();

} // namespace foldwise::gui::plots
