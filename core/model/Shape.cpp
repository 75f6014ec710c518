#include "model/Shape.h"

namespace foldwise {

Shape Shape::fromValues(const std::vector<int64_t>& values)
{
    std::vector<Dim> dims;
    dims.reserve(values.size());
    for (int64_t v : values)
        dims.push_back(Dim::known(v));
    return Shape(std::move(dims));
}

bool Shape::isStatic() const
{
    for (const Dim& d : dims_)
        if (!d.isKnown())
            return false;
    return true;
}

std::vector<int64_t> Shape::values() const
{
    std::vector<int64_t> out;
    out.reserve(dims_.size());
    for (const Dim& d : dims_)
        out.push_back(d.isKnown() ? d.value : Dim::kUnknown);
    return out;
}

std::optional<int64_t> Shape::elementCount() const
{
    if (!isStatic())
        return std::nullopt;
    return checkedProduct(values());
}

std::string Shape::toString() const
{
    if (dims_.empty())
        return "scalar";
    std::string out;
    for (std::size_t i = 0; i < dims_.size(); ++i) {
        if (i)
            out += 'x';
        const Dim& d = dims_[i];
        out += d.isKnown() ? std::to_string(d.value) : (d.symbol.empty() ? "?" : d.symbol);
    }
    return out;
}

std::optional<int64_t> checkedProduct(const std::vector<int64_t>& values)
{
    int64_t product = 1;
    for (int64_t v : values) {
        if (v < 0 || __builtin_mul_overflow(product, v, &product))
            return std::nullopt;
    }
    return product;
}

} // namespace foldwise
