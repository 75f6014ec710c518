#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>

#include <string>

class QCPAxis;
class QCPBars;
class QCPBarsGroup;
class QCPGraph;
class QCPItemStraightLine;
class QCPScatterStyle;
class QCustomPlot;
class QPen;
class QPointF;

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
// The interval (the slowest layer's cycles) as a dashed line.
QPen intervalPen();
// The current iteration's marker line; the compared one's dashed and thinner.
QPen iterationPen(bool compared);

// Fonts, grid and margins the plots share (PlotWidget applies them to every plot).
void applyDefaults(QCustomPlot* plot);
// A line through the whole plot drawn with `pen`; placeHorizontal() and placeVertical() put it
// at a value of the left or bottom axis.
QCPItemStraightLine* straightLine(QCustomPlot* plot, const QPen& pen);
void placeHorizontal(QCPItemStraightLine* line, double y);
void placeVertical(QCPItemStraightLine* line, double x);
// Points without a line between them, named for the legend; unnamed ones stay out of it.
QCPGraph* pointGraph(QCustomPlot* plot, const QCPScatterStyle& scatter, const QString& name = {});
// Points joined by a line drawn with `pen`, named for the legend, against the bottom axis and
// `valueAxis` (null: the left axis).
QCPGraph* lineGraph(QCustomPlot* plot, const QPen& pen, const QCPScatterStyle& scatter, const QString& name,
                    QCPAxis* valueAxis = nullptr);
// The index of `graph`'s point nearest to `coords` (plot coordinates) on screen when it is
// nearer than *distance pixels, which then becomes its distance; else -1.
int nearestPoint(const QCPGraph* graph, const QPointF& coords, double* distance);
// Bars of a series: filled with `colour`, a darker outline.
void styleBars(QCPBars* bars, const QColor& colour);
// A group for bars standing side by side in each category, `spacing` pixels apart.
QCPBarsGroup* sideBySideGroup(QCustomPlot* plot, double spacing);
// Bars on the plot's x/y axes, styled with `colour`, named for the legend, in `group`.
QCPBars* groupedBars(QCustomPlot* plot, QCPBarsGroup* group, const QColor& colour, const QString& name = {});
// Bars that only a comparison shows: with `values` at `keys`, visible and in the legend when
// `shown`; empty, hidden and out of the legend otherwise.
void showComparedBars(QCPBars* bars, bool shown, const QVector<double>& keys, const QVector<double>& values);
// Puts the visible bars (in this order) into `group`, side by side, and makes every one `width`
// wide; QCPBarsGroup keeps a slot for hidden bars too, so the hidden ones are left out.
void regroup(QCPBarsGroup* group, const QList<QCPBars*>& bars, double width);
// Category ticks 0..n-1 with these labels, rotated when they would not fit.
void setCategoryTicks(QCPAxis* axis, const QStringList& labels);
// The range that shows categories 0..count-1 (at least one) with room beside the outer bars.
void fitCategories(QCPAxis* axis, int count);
// The category of 0..count-1 whose centre is within `halfWidth` of x, or -1.
int categoryAt(double x, int count, double halfWidth);
// A tick every `step`; with `multiples`, a multiple of it when the ticks would crowd (whole
// channels or iterations).
void setTickStep(QCPAxis* axis, double step, bool multiples = false);

// A layer's name shortened for tick labels: "/features/features.0/Conv" -> "features.0",
// "/layer1/layer1.0/conv1/Conv" -> "layer1.0/conv1" (the trailing op type dropped, the last
// segment kept with its parent when the parent does not already prefix it).
QString shortLayerName(const std::string& name);

// A number for tooltips and labels: "1,152", "0.531", "1.2e+05".
QString number(double value, int precision = 3);
QString percent(double fraction, int precision = 1); // "53.1 %"

} // namespace style
} // namespace foldwise::gui::plots
