#pragma once

#include <QColor>
#include <QList>

#include <optional>

namespace foldwise::gui {

// Maps a per-node metric (MACs, parameters, later cycles, sparsity, DSPs, ...) to a colour on
// a sequential light-to-dark ramp, so that the heaviest nodes stand out. The log scale spreads
// metrics that span orders of magnitude (MACs of a CNN do); it cannot place values <= 0,
// which, like missing values, get noValueColour().
class MetricColourScale {
public:
    enum class Type { Linear, Logarithmic };

    MetricColourScale() = default;
    // The range is taken from `values` (non-finite values, and values <= 0 on a log scale,
    // are ignored).
    MetricColourScale(Type type, const QList<double>& values);

    Type type() const { return type_; }
    bool isEmpty() const { return !minimum_; }
    double minimum() const { return minimum_.value_or(0); }
    double maximum() const { return maximum_.value_or(0); }

    // Where `value` sits on the ramp, 0 (minimum) .. 1 (maximum); nullopt when it has no place.
    std::optional<double> position(double value) const;
    // The value at a ramp position (inverse of position()); for the legend's tick labels.
    double valueAt(double position) const;
    QColor colour(double value) const;

    static QColor rampColour(double position);
    static QColor noValueColour();

private:
    Type type_ = Type::Linear;
    std::optional<double> minimum_;
    std::optional<double> maximum_;
};

} // namespace foldwise::gui
