#include "DisplayText.h"

#include <QLocale>
#include <QStringList>

namespace foldwise::gui {

QString DisplayText::unknown()
{
    return QStringLiteral("?");
}

QString DisplayText::count(int64_t value)
{
    // The C locale omits group separators by default; always group.
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(static_cast<qlonglong>(value));
}

QString DisplayText::count(const std::optional<int64_t>& value)
{
    return value ? count(*value) : unknown();
}

QString DisplayText::shape(const Shape& shape, bool known)
{
    if (!known)
        return unknown();
    if (shape.rank() == 0)
        return tr("scalar");
    return QString::fromStdString(shape.toString());
}

QString DisplayText::intList(const std::vector<int64_t>& values)
{
    QStringList parts;
    parts.reserve(static_cast<qsizetype>(values.size()));
    for (const int64_t v : values)
        parts << QString::number(v);
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

QString DisplayText::kind(LayerKind kind)
{
    switch (kind) {
    case LayerKind::Convolution: return tr("Convolution");
    case LayerKind::FullyConnected: return tr("Fully connected");
    case LayerKind::MatMul: return tr("MatMul");
    case LayerKind::Pooling: return tr("Pooling");
    case LayerKind::Activation: return tr("Activation");
    case LayerKind::ElementWise: return tr("Element-wise");
    case LayerKind::ConcatSplit: return tr("Concat/split");
    case LayerKind::ReshapeLike: return tr("Reshape");
    case LayerKind::Normalisation: return tr("Normalisation");
    case LayerKind::Constant: return tr("Constant");
    case LayerKind::Other: return tr("Other");
    case LayerKind::Quantizer: return tr("Quantizer");
    case LayerKind::Custom: return tr("Custom");
    }
    return tr("Other");
}

QString DisplayText::variant(const std::string& variant)
{
    // The core names a few variants; anything else (e.g. "ReLU6") is shown as it is.
    if (variant == "depthwise")
        return tr("depthwise");
    if (variant == "grouped")
        return tr("grouped");
    return QString::fromStdString(variant);
}

QString DisplayText::kind(LayerKind kind, const std::string& variant)
{
    if (variant.empty())
        return DisplayText::kind(kind);
    //: %1 is a layer kind, %2 its variant, e.g. "Convolution (depthwise)"
    return tr("%1 (%2)").arg(DisplayText::kind(kind), DisplayText::variant(variant));
}

QString DisplayText::tensorRole(TensorRole role)
{
    switch (role) {
    case TensorRole::GraphInput: return tr("graph input");
    case TensorRole::Initializer: return tr("initializer");
    case TensorRole::Intermediate: return tr("activation");
    }
    return {};
}

QString DisplayText::domain(const std::string& domain)
{
    return domain.empty() ? QStringLiteral("ai.onnx") : QString::fromStdString(domain);
}

QString DisplayText::customOpNote()
{
    return tr("No ONNX schema: kept in the graph, not executable");
}

} // namespace foldwise::gui
