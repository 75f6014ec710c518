#include "graph/MetricColourScale.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace foldwise::gui {
namespace {

// A light-to-dark ramp (cream, amber, orange-red, deep crimson): lightness falls
// monotonically, so the order of values survives greyscale printing and most colour-vision
// deficiencies.
constexpr std::array<QRgb, 5> kRamp = {0xfff7d6, 0xfdd36a, 0xf59440, 0xd9482b, 0x7f1530};

bool placeable(MetricColourScale::Type type, double value)
{
    return std::isfinite(value) && (type == MetricColourScale::Type::Linear || value > 0);
}

} // namespace

MetricColourScale::MetricColourScale(Type type, const QList<double>& values)
    : type_(type)
{
    for (const double v : values) {
        if (!placeable(type, v))
            continue;
        minimum_ = minimum_ ? std::min(*minimum_, v) : v;
        maximum_ = maximum_ ? std::max(*maximum_, v) : v;
    }
}

std::optional<double> MetricColourScale::position(double value) const
{
    if (isEmpty() || !placeable(type_, value))
        return std::nullopt;
    double low = *minimum_;
    double high = *maximum_;
    double v = value;
    if (type_ == Type::Logarithmic) {
        low = std::log10(low);
        high = std::log10(high);
        v = std::log10(v);
    }
    if (high <= low)
        return 1.0; // every node has the same value: all equally "heavy"
    return std::clamp((v - low) / (high - low), 0.0, 1.0);
}

double MetricColourScale::valueAt(double t) const
{
    if (isEmpty())
        return 0;
    if (type_ == Type::Logarithmic)
        return std::pow(10.0, std::log10(*minimum_) + t * (std::log10(*maximum_) - std::log10(*minimum_)));
    return *minimum_ + t * (*maximum_ - *minimum_);
}

QColor MetricColourScale::colour(double value) const
{
    const auto t = position(value);
    return t ? rampColour(*t) : noValueColour();
}

QColor MetricColourScale::rampColour(double position)
{
    const double scaled = std::clamp(position, 0.0, 1.0) * static_cast<double>(kRamp.size() - 1);
    const auto index = std::min(static_cast<std::size_t>(scaled), kRamp.size() - 2);
    const double f = scaled - static_cast<double>(index);
    const QColor a(kRamp[index]);
    const QColor b(kRamp[index + 1]);
    const auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QColor MetricColourScale::noValueColour()
{
    return QColor(0xe4, 0xe4, 0xe4);
}

} // namespace foldwise::gui
