#include "plots/PlotStyle.h"

#include <QLocale>
#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace foldwise::gui::plots::style {

QColor sparsity() { return QColor(0x1f, 0x77, 0xb4); }
QColor windowSparsity() { return QColor(0x17, 0xa5, 0x9b); }
QColor dense() { return QColor(0xa0, 0xa0, 0xa8); }
QColor sparse() { return QColor(0x2c, 0x7f, 0xb8); }
QColor highlight() { return QColor(0xff, 0x8c, 0x00); }
QColor bottleneck() { return QColor(0xd6, 0x27, 0x28); }
QColor budget() { return QColor(0x40, 0x40, 0x40); }

QColor compared(const QColor& colour)
{
    return colour.lighter(165);
}

QColor series(int index)
{
    // Tableau's ten, which stay apart for the colour-blind better than a hue wheel.
    static const std::array<QColor, 10> colours{
        QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2),
        QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48), QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7),
        QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac)};
    const int n = static_cast<int>(colours.size());
    const QColor base = colours[static_cast<std::size_t>(((index % n) + n) % n)];
    // Past ten, alternate darker and lighter shades of the same set.
    const int round = index / n;
    return round == 0 ? base : (round % 2 == 1 ? base.darker(130) : base.lighter(130));
}

QPen intervalPen()
{
    return QPen(bottleneck(), 1.5, Qt::DashLine);
}

QPen iterationPen(bool compared)
{
    return compared ? QPen(highlight(), 1.5, Qt::DashLine) : QPen(highlight(), 2);
}

void applyDefaults(QCustomPlot* plot)
{
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNotAntialiasedElements(QCP::aeGrid | QCP::aeAxes);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        axis->grid()->setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 0, Qt::SolidLine));
        axis->grid()->setSubGridVisible(false);
        axis->setBasePen(QPen(QColor(0x70, 0x70, 0x70)));
        axis->setTickPen(QPen(QColor(0x70, 0x70, 0x70)));
        axis->setSubTickPen(QPen(QColor(0xa0, 0xa0, 0xa0)));
    }
    plot->legend->setVisible(false);
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->legend->setBorderPen(QPen(QColor(0xc0, 0xc0, 0xc0)));
    QFont legendFont = plot->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    plot->legend->setFont(legendFont);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

QCPItemStraightLine* straightLine(QCustomPlot* plot, const QPen& pen)
{
    auto* line = new QCPItemStraightLine(plot);
    line->setPen(pen);
    return line;
}

void placeHorizontal(QCPItemStraightLine* line, double y)
{
    line->point1->setCoords(0, y);
    line->point2->setCoords(1, y);
}

void placeVertical(QCPItemStraightLine* line, double x)
{
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
}

QCPGraph* pointGraph(QCustomPlot* plot, const QCPScatterStyle& scatter, const QString& name)
{
    QCPGraph* graph = plot->addGraph();
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(scatter);
    if (name.isEmpty())
        graph->removeFromLegend();
    return graph;
}

int nearestPoint(const QCPGraph* graph, const QPointF& coords, double* distance)
{
    const QCPAxis* keys = graph->keyAxis();
    const QCPAxis* values = graph->valueAxis();
    const double px = keys->coordToPixel(coords.x());
    const double py = values->coordToPixel(coords.y());
    int nearest = -1;
    for (int i = 0; i < graph->dataCount(); ++i) {
        const auto point = graph->data()->at(i);
        const double d = std::hypot(keys->coordToPixel(point->key) - px, values->coordToPixel(point->value) - py);
        if (d < *distance) {
            *distance = d;
            nearest = i;
        }
    }
    return nearest;
}

QCPGraph* lineGraph(QCustomPlot* plot, const QPen& pen, const QCPScatterStyle& scatter, const QString& name, QCPAxis* valueAxis)
{
    QCPGraph* graph = plot->addGraph(plot->xAxis, valueAxis ? valueAxis : plot->yAxis);
    graph->setName(name);
    graph->setPen(pen);
    graph->setScatterStyle(scatter);
    return graph;
}

void styleBars(QCPBars* bars, const QColor& colour)
{
    bars->setBrush(colour);
    bars->setPen(QPen(colour.darker(130)));
}

QCPBarsGroup* sideBySideGroup(QCustomPlot* plot, double spacing)
{
    auto* group = new QCPBarsGroup(plot);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(spacing);
    return group;
}

QCPBars* groupedBars(QCustomPlot* plot, QCPBarsGroup* group, const QColor& colour, const QString& name)
{
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    styleBars(bars, colour);
    bars->setName(name);
    bars->setBarsGroup(group);
    return bars;
}

void showComparedBars(QCPBars* bars, bool shown, const QVector<double>& keys, const QVector<double>& values)
{
    bars->setData(shown ? keys : QVector<double>(), values, true);
    bars->setVisible(shown);
    if (shown)
        bars->addToLegend();
    else
        bars->removeFromLegend();
}

void regroup(QCPBarsGroup* group, const QList<QCPBars*>& bars, double width)
{
    group->clear();
    for (QCPBars* b : bars) {
        if (b->visible())
            group->append(b);
        b->setWidth(width);
    }
}

void setCategoryTicks(QCPAxis* axis, const QStringList& labels)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(i, labels[i]);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    axis->setTickLength(0, 4);
    axis->grid()->setVisible(false);
    qsizetype longest = 0;
    for (const QString& label : labels)
        longest = std::max(longest, label.size());
    // Rotated so that each label ends at its tick and runs down to the left: the last one then
    // stays clear of the widget's right edge, where QCustomPlot would drop it.
    axis->setTickLabelRotation(labels.size() > 6 || longest > 10 ? -45 : 0);
}

void fitCategories(QCPAxis* axis, int count)
{
    axis->setRange(-0.6, std::max(1, count) - 0.4);
}

int categoryAt(double x, int count, double halfWidth)
{
    const long i = std::lround(x);
    return i >= 0 && i < count && std::abs(x - static_cast<double>(i)) <= halfWidth ? static_cast<int>(i) : -1;
}

void setTickStep(QCPAxis* axis, double step, bool multiples)
{
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(step);
    if (multiples)
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

QString shortLayerName(const std::string& name)
{
    QStringList parts = QString::fromStdString(name).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() > 1) {
        // Exporters end names with the op type ("Conv", "Relu", "Gemm"): capitalised, no dot.
        const QString& last = parts.last();
        if (!last.isEmpty() && last.front().isUpper() && !last.contains(QLatin1Char('.')))
            parts.removeLast();
    }
    if (parts.isEmpty())
        return QString::fromStdString(name);
    const QString& last = parts.last();
    if (parts.size() >= 2 && !last.startsWith(parts[parts.size() - 2]))
        return parts[parts.size() - 2] + QLatin1Char('/') + last;
    return last;
}

QString number(double value, int precision)
{
    const QLocale locale;
    if (!std::isfinite(value))
        return locale.toString(value);
    // Whole and large numbers grouped ("321,834"), tiny ones in scientific notation.
    if ((value == std::round(value) || std::abs(value) >= 1e5) && std::abs(value) < 1e15)
        return locale.toString(static_cast<qlonglong>(std::llround(value)));
    if (std::abs(value) < 1e-3 && value != 0)
        return locale.toString(value, 'g', precision);
    return locale.toString(value, 'f', precision);
}

QString percent(double fraction, int precision)
{
    //: A percentage, e.g. "53.1 %"
    return QCoreApplication::translate("foldwise::gui::plots::style", "%1 %").arg(QLocale().toString(fraction * 100, 'f', precision));
}

} // namespace foldwise::gui::plots::style
