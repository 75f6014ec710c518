#include "graph/GraphLegend.h"

#include "graph/OverlayPanel.h"

#include <QFontMetrics>
#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <QSize>

#include <algorithm>
#include <cmath>

namespace foldwise::gui {
namespace {

constexpr int kMargin = 8;
constexpr int kSwatch = 12;
constexpr QSize kRampSize(180, 12);

} // namespace

GraphLegend::GraphLegend(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("graphLegend"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

void GraphLegend::showCategories(const QString& title, const QList<Entry>& entries)
{
    title_ = title;
    entries_ = entries;
    scaleMode_ = false;
    setFixedSize(sizeHint());
    update();
}

void GraphLegend::showScale(const QString& title, const MetricColourScale& scale, bool withoutValue)
{
    title_ = title;
    entries_.clear();
    scale_ = scale;
    scaleMode_ = true;
    withoutValue_ = withoutValue;
    setFixedSize(sizeHint());
    update();
}

QString GraphLegend::compactNumber(double value)
{
    const QLocale locale;
    const double magnitude = std::abs(value);
    struct Unit {
        double factor;
        const char* suffix;
    };
    // SI prefixes; they read the same in every language the workbench speaks.
    for (const Unit unit : {Unit{1e12, "T"}, Unit{1e9, "G"}, Unit{1e6, "M"}, Unit{1e3, "k"}})
        if (magnitude >= unit.factor)
            return locale.toString(value / unit.factor, 'g', 3) + QLatin1String(unit.suffix);
    return locale.toString(value, 'g', 3);
}

QString GraphLegend::noValueText() const
{
    return scale_.type() == MetricColourScale::Type::Logarithmic ? tr("no value, or zero") : tr("no value");
}

QStringList GraphLegend::tickLabels() const
{
    if (!scaleMode_ || scale_.isEmpty())
        return {};
    return {compactNumber(scale_.valueAt(0)), compactNumber(scale_.valueAt(0.5)), compactNumber(scale_.valueAt(1))};
}

QSize GraphLegend::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    int width = metrics.horizontalAdvance(title_) + 2 * kMargin + 10;
    int height = kMargin + line;
    if (scaleMode_) {
        width = std::max(width, kRampSize.width() + 2 * kMargin);
        height += 4 + kRampSize.height() + 2 + line; // ramp and its tick labels
        if (scale_.isEmpty() || withoutValue_) {
            height += 4 + line;
            width = std::max(width, kSwatch + 6 + metrics.horizontalAdvance(noValueText()) + 2 * kMargin);
        }
    } else {
        for (const Entry& entry : entries_)
            width = std::max(width, kSwatch + 6 + metrics.horizontalAdvance(entry.text) + 2 * kMargin);
        height += static_cast<int>(entries_.size()) * (line + 2);
    }
    return {width, height + kMargin};
}

void GraphLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    paintOverlayPanel(painter, rect(), QColor(255, 255, 255, 235));

    const QFontMetrics metrics(font());
    const int line = metrics.height();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    // The legend has its own light background, so its text is dark whatever the palette.
    const QColor text(0x20, 0x20, 0x20);
    painter.setPen(text);
    painter.drawText(QRect(kMargin, kMargin, width() - 2 * kMargin, line), Qt::AlignLeft | Qt::AlignVCenter, title_);
    painter.setFont(font());
    int y = kMargin + line + 4;

    const auto swatch = [&](int top, const QColor& colour) {
        painter.setPen(QColor(0x80, 0x80, 0x80));
        painter.setBrush(colour);
        painter.drawRect(QRectF(kMargin, top + (line - kSwatch) / 2.0, kSwatch, kSwatch));
        painter.setPen(text);
    };

    if (!scaleMode_) {
        for (const Entry& entry : entries_) {
            swatch(y, entry.colour);
            painter.drawText(QRect(kMargin + kSwatch + 6, y, width() - 2 * kMargin, line), Qt::AlignVCenter, entry.text);
            y += line + 2;
        }
        return;
    }

    const QRectF ramp(kMargin, y, width() - 2 * kMargin, kRampSize.height());
    if (!scale_.isEmpty()) {
        QLinearGradient gradient(ramp.topLeft(), ramp.topRight());
        for (int i = 0; i <= 8; ++i)
            gradient.setColorAt(i / 8.0, MetricColourScale::rampColour(i / 8.0));
        painter.setPen(QColor(0x80, 0x80, 0x80));
        painter.setBrush(gradient);
        painter.drawRect(ramp);
        painter.setPen(text);
        const QStringList ticks = tickLabels();
        const QRect labels(kMargin, static_cast<int>(ramp.bottom()) + 2, width() - 2 * kMargin, line);
        painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, ticks[0]);
        painter.drawText(labels, Qt::AlignHCenter | Qt::AlignVCenter, ticks[1]);
        painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, ticks[2]);
        y = labels.bottom() + 4;
    } else {
        y += kRampSize.height() + 2 + line + 4;
    }
    if (scale_.isEmpty() || withoutValue_) {
        swatch(y, MetricColourScale::noValueColour());
        painter.drawText(QRect(kMargin + kSwatch + 6, y, width() - 2 * kMargin, line), Qt::AlignVCenter,
                         noValueText());
    }
}

} // namespace foldwise::gui
