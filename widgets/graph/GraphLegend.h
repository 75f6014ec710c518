#pragma once

#include "graph/MetricColourScale.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

namespace foldwise::gui {

// The key to the node colours, drawn over a corner of the graph: either the layer kinds and
// their header colours, or a metric's colour ramp with its range (linear or log scale).
class GraphLegend : public QWidget {
    Q_OBJECT

public:
    struct Entry {
        QString text;
        QColor colour;
    };

    explicit GraphLegend(QWidget* parent = nullptr);

    void showCategories(const QString& title, const QList<Entry>& entries);
    // `withoutValue`: some nodes have no value (or none the scale can place) and are grey.
    void showScale(const QString& title, const MetricColourScale& scale, bool withoutValue);

    QString title() const { return title_; }
    // The tick labels under the ramp (minimum, middle, maximum); empty in category mode.
    QStringList tickLabels() const;

    // "118M", "9.2k", "0.35": short enough for a tick label, in the current locale.
    static QString compactNumber(double value);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString noValueText() const;

    QString title_;
    QList<Entry> entries_;
    MetricColourScale scale_;
    bool scaleMode_ = false;
    bool withoutValue_ = false;
};

} // namespace foldwise::gui
