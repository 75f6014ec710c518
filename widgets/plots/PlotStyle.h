#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>

#include <string>

class QCPAxis;
class QCPBars;
class QCPBarsGroup;
class QCustomPlot;

namespace foldwise::gui::plots {

// Colours and helpers shared by the analysis plots, so that a series means the same colour
// everywhere (sparsity blue, window sparsity teal, dense grey, the compared iteration lighter).
namespace style {

QColor sparsity();       // average (mean window) sparsity
QColor windowSparsity(); // all-zero windows
QColor dense();          // dense cycles / no zero skipping
QColor sparse();         // cycles with zero skipping
QColor highlight();      // the selected layer / current iteration
QColor bottleneck();     // the slowest layer
QColor budget();         // device budget lines
// The same colour for the compared iteration: lighter, so the current one stands out.
QColor compared(const QColor& colour);
// Distinct colours for the i-th of many series (layers in stacked bars, curves).
QColor series(int index);

// Fonts, grid and margins the plots share.
void applyDefaults(QCustomPlot* plot);
// Bars of a series: filled with `colour`, a darker outline.
void styleBars(QCPBars* bars, const QColor& colour);
// A group for bars standing side by side in each category, `spacing` pixels apart.
QCPBarsGroup* sideBySideGroup(QCustomPlot* plot, double spacing);
// Bars on the plot's x/y axes, styled with `colour`, named for the legend, in `group`.
QCPBars* groupedBars(QCustomPlot* plot, QCPBarsGroup* group, const QColor& colour, const QString& name = {});
// Puts the visible bars (in this order) into `group`, side by side; QCPBarsGroup keeps a slot
// for hidden bars too, so the hidden ones are left out.
void regroup(QCPBarsGroup* group, const QList<QCPBars*>& bars);
// Category ticks 0..n-1 with these labels, rotated when they would not fit.
void setCategoryTicks(QCPAxis* axis, const QStringList& labels);

// A layer's name shortened for tick labels: "/features/features.0/Conv" -> "features.0",
// "/layer1/layer1.0/conv1/Conv" -> "layer1.0/conv1" (the trailing op type dropped, the last
// segment kept with its parent when the parent does not already prefix it).
QString shortLayerName(const std::string& name);

// A number for tooltips and labels: "1,152", "0.531", "1.2e+05".
QString number(double value, int precision = 3);
QString percent(double fraction, int precision = 1); // "53.1 %"

} // namespace style
} // namespace foldwise::gui::plots
