#include "model/ConstantOps.h"

#include "model/Broadcast.h"
#include "model/Shape.h"
#include "model/Tensor.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <set>
#include <string>

namespace foldwise {
namespace {

using Dims = std::vector<int64_t>;

const std::set<std::string_view> kFoldable = {
    "Constant", "Identity", "Cast", "Shape", "Size", "ConstantOfShape", "Range", "Gather", "Unsqueeze",
    "Squeeze", "Reshape", "Flatten", "Concat", "Slice", "Transpose", "Expand", "Where", "Add", "Sub", "Mul",
    "Div", "Mod", "Pow", "Min", "Max", "Sum", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
    "And", "Or", "Xor", "Not", "Neg", "Abs", "Floor", "Ceil", "Round", "Sqrt", "Reciprocal", "Sign"};

// Element types folding handles: integers, bool, float and double.
bool foldableType(DataType t)
{
    switch (t) {
    case DataType::Float: case DataType::Double: case DataType::Bool: case DataType::Int8: case DataType::UInt8:
    case DataType::Int16: case DataType::UInt16: case DataType::Int32: case DataType::UInt32: case DataType::Int64:
    case DataType::UInt64:
        return true;
    default:
        return false;
    }
}

std::optional<int64_t> elementCount(const Dims& dims)
{
    if (std::any_of(dims.begin(), dims.end(), [](int64_t d) { return d < 0; }))
        return std::nullopt;
    return checkedProduct(dims);
}

// Wraps an integer into the range of `type`, as a cast to it would.
int64_t wrapInteger(DataType type, int64_t v)
{
    switch (type) {
    case DataType::Bool: return v != 0;
    case DataType::Int8: return static_cast<int8_t>(v);
    case DataType::UInt8: return static_cast<uint8_t>(v);
    case DataType::Int16: return static_cast<int16_t>(v);
    case DataType::UInt16: return static_cast<uint16_t>(v);
    case DataType::Int32: return static_cast<int32_t>(v);
    case DataType::UInt32: return static_cast<uint32_t>(v);
    default: return v;
    }
}

FoldValue makeValue(DataType type, Dims dims)
{
    FoldValue v;
    v.type = type;
    v.dims = std::move(dims);
    return v;
}

// Gathers elements of x by flat source index (the data movement ops are all this).
FoldValue pick(const FoldValue& x, Dims dims, const std::vector<int64_t>& source)
{
    FoldValue v = makeValue(x.type, std::move(dims));
    if (x.integral()) {
        v.ints.reserve(source.size());
        for (int64_t s : source)
            v.ints.push_back(x.ints[static_cast<std::size_t>(s)]);
    } else {
        v.reals.reserve(source.size());
        for (int64_t s : source)
            v.reals.push_back(x.reals[static_cast<std::size_t>(s)]);
    }
    return v;
}

Dims stridesOf(const Dims& dims)
{
    Dims s(dims.size(), 1);
    for (std::size_t i = dims.size(); i-- > 1;)
        s[i - 1] = s[i] * dims[i];
    return s;
}

// Calls f(flat output index, multi-index) over every element of dims, row-major.
void forEachIndex(const Dims& dims, const std::function<void(int64_t, const Dims&)>& f)
{
    const int64_t total = elementCount(dims).value_or(0);
    Dims index(dims.size(), 0);
    for (int64_t o = 0; o < total; ++o) {
        f(o, index);
        for (std::size_t d = dims.size(); d-- > 0;) {
            if (++index[d] < dims[d])
                break;
            index[d] = 0;
        }
    }
}

std::optional<int64_t> normalisedAxis(int64_t axis, std::size_t rank)
{
    const auto r = static_cast<int64_t>(rank);
    if (axis < -r || axis >= r)
        return std::nullopt;
    return axis < 0 ? axis + r : axis;
}

class Evaluator {
public:
    Evaluator(std::string_view op, int64_t opset, const FoldAttributes& a, const std::vector<FoldOperand>& in,
              int64_t maxElements)
        : op_(op), opset_(opset), a_(a), in_(in), max_(maxElements)
    {
    }

    std::optional<FoldValue> run()
    {
        if (op_ == "Constant")
            return constant();
        if (op_ == "Shape" || op_ == "Size")
            return shapeOf();
        if (op_ == "Range")
            return range();
        for (std::size_t i = 0; i < in_.size(); ++i)
            if (in_[i].present && !in_[i].value)
                return std::nullopt;
        if (in_.empty() || !in_[0].value)
            return std::nullopt;
        const FoldValue& x = *in_[0].value;
        if (op_ == "Identity")
            return x;
        if (op_ == "Cast")
            return cast(x, static_cast<DataType>(a_.integer("to").value_or(0)));
        if (op_ == "Unsqueeze" || op_ == "Squeeze")
            return squeeze(x, op_ == "Unsqueeze");
        for (const auto& [name, fold] : kFromFirstOperand)
            if (op_ == name)
                return (this->*fold)(x);
        if (op_ == "Concat")
            return concat();
        if (op_ == "Where")
            return where();
        if (op_ == "Not" || op_ == "Neg" || op_ == "Abs" || op_ == "Floor" || op_ == "Ceil" || op_ == "Round"
            || op_ == "Sqrt" || op_ == "Reciprocal" || op_ == "Sign")
            return unary(x);
        return elementwise();
    }

private:
    bool fits(const Dims& dims) const
    {
        const auto n = elementCount(dims);
        return n && *n <= max_;
    }

    const FoldValue* value(std::size_t i) const { return i < in_.size() ? in_[i].value : nullptr; }

    // An int list from an attribute (older opsets) or from a constant input (newer ones).
    std::optional<Dims> intsFrom(std::string_view attribute, std::size_t input) const
    {
        if (auto v = a_.integers(attribute))
            return v;
        if (const FoldValue* v = value(input); v && v->integral())
            return v->ints;
        return std::nullopt;
    }

    std::optional<FoldValue> constant() const
    {
        if (const onnx::TensorProto* t = a_.tensor("value"))
            return foldValueOf(*t, max_);
        if (auto i = a_.integer("value_int"))
            return FoldValue{DataType::Int64, {}, {*i}, {}};
        if (auto is = a_.integers("value_ints"))
            return FoldValue{DataType::Int64, {static_cast<int64_t>(is->size())}, *is, {}};
        if (auto f = a_.real("value_float"))
            return FoldValue{DataType::Float, {}, {}, {*f}};
        if (auto fs = a_.reals("value_floats"))
            return FoldValue{DataType::Float, {static_cast<int64_t>(fs->size())}, {}, {fs->begin(), fs->end()}};
        return std::nullopt;
    }

    std::optional<FoldValue> shapeOf() const
    {
        if (in_.empty() || !in_[0].shape)
            return std::nullopt;
        const Dims& s = *in_[0].shape;
        if (op_ == "Size") {
            const auto n = elementCount(s);
            if (!n)
                return std::nullopt;
            return FoldValue{DataType::Int64, {}, {*n}, {}};
        }
        const auto rank = static_cast<int64_t>(s.size());
        int64_t start = opset_ >= 15 ? a_.integer("start").value_or(0) : 0;
        int64_t end = opset_ >= 15 ? a_.integer("end").value_or(rank) : rank;
        start = std::clamp(start < 0 ? start + rank : start, int64_t{0}, rank);
        end = std::clamp(end < 0 ? end + rank : end, int64_t{0}, rank);
        FoldValue v = makeValue(DataType::Int64, {});
        for (int64_t i = start; i < end; ++i)
            v.ints.push_back(s[static_cast<std::size_t>(i)]);
        v.dims = {static_cast<int64_t>(v.ints.size())};
        return v;
    }

    std::optional<FoldValue> range() const
    {
        const FoldValue *s = value(0), *l = value(1), *d = value(2);
        if (!s || !l || !d || s->size() != 1 || l->size() != 1 || d->size() != 1)
            return std::nullopt;
        const double start = s->real(0), limit = l->real(0), delta = d->real(0);
        if (delta == 0 || !std::isfinite(start) || !std::isfinite(limit) || !std::isfinite(delta))
            return std::nullopt;
        // Compared as a double first: converting a count beyond int64 to an integer is undefined.
        const double steps = std::max(std::ceil((limit - start) / delta), 0.0);
        if (!(steps <= static_cast<double>(max_)))
            return std::nullopt;
        const auto n = static_cast<int64_t>(steps);
        FoldValue v = makeValue(s->type, {n});
        for (int64_t i = 0; i < n; ++i) {
            if (v.integral()) {
                int64_t offset = 0, value = 0;
                if (__builtin_mul_overflow(i, d->ints[0], &offset) || __builtin_add_overflow(s->ints[0], offset, &value))
                    return std::nullopt;
                v.ints.push_back(wrapInteger(v.type, value));
            } else {
                v.reals.push_back(start + static_cast<double>(i) * delta);
            }
        }
        return v;
    }

    static std::optional<FoldValue> cast(const FoldValue& x, DataType to)
    {
        if (!foldableType(to))
            return std::nullopt;
        FoldValue v = makeValue(to, x.dims);
        if (v.integral()) {
            for (std::size_t i = 0; i < x.size(); ++i) {
                if (x.integral()) {
                    v.ints.push_back(wrapInteger(to, x.ints[i]));
                } else {
                    const double r = x.reals[i];
                    if (!std::isfinite(r) || std::abs(r) >= 9.2e18)
                        return std::nullopt; // undefined in ONNX; leave it to the runtime
                    v.ints.push_back(to == DataType::Bool ? r != 0 : wrapInteger(to, static_cast<int64_t>(r)));
                }
            }
        } else {
            for (std::size_t i = 0; i < x.size(); ++i) {
                const double r = x.real(i);
                v.reals.push_back(to == DataType::Float ? static_cast<double>(static_cast<float>(r)) : r);
            }
        }
        return v;
    }

    std::optional<FoldValue> constantOfShape(const FoldValue& shape) const
    {
        if (!shape.integral() || shape.dims.size() != 1 || !fits(shape.ints))
            return std::nullopt;
        FoldValue fill{DataType::Float, {}, {}, {0.0}};
        if (const onnx::TensorProto* t = a_.tensor("value")) {
            auto f = foldValueOf(*t, 1);
            if (!f || f->size() != 1)
                return std::nullopt;
            fill = *f;
        }
        const auto n = static_cast<std::size_t>(*elementCount(shape.ints));
        FoldValue v = makeValue(fill.type, shape.ints);
        if (v.integral())
            v.ints.assign(n, fill.ints[0]);
        else
            v.reals.assign(n, fill.reals[0]);
        return v;
    }

    std::optional<FoldValue> gather(const FoldValue& x) const
    {
        const FoldValue* idx = value(1);
        const auto axis = normalisedAxis(a_.integer("axis").value_or(0), x.dims.size());
        if (!idx || !idx->integral() || !axis)
            return std::nullopt;
        const auto ax = static_cast<std::size_t>(*axis);
        Dims dims(x.dims.begin(), x.dims.begin() + *axis);
        dims.insert(dims.end(), idx->dims.begin(), idx->dims.end());
        dims.insert(dims.end(), x.dims.begin() + *axis + 1, x.dims.end());
        if (!fits(dims))
            return std::nullopt;
        const int64_t outer = elementCount(Dims(x.dims.begin(), x.dims.begin() + *axis)).value_or(0);
        const int64_t inner = elementCount(Dims(x.dims.begin() + *axis + 1, x.dims.end())).value_or(0);
        const int64_t axisSize = x.dims[ax];
        std::vector<int64_t> source;
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i : idx->ints) {
                const int64_t k = i < 0 ? i + axisSize : i;
                if (k < 0 || k >= axisSize)
                    return std::nullopt;
                for (int64_t r = 0; r < inner; ++r)
                    source.push_back((o * axisSize + k) * inner + r);
            }
        return pick(x, dims, source);
    }

    std::optional<FoldValue> squeeze(const FoldValue& x, bool unsqueeze) const
    {
        const std::optional<Dims> axes = opset_ >= 13 ? intsFrom("", 1) : a_.integers("axes");
        FoldValue v = x;
        if (unsqueeze) {
            if (!axes)
                return std::nullopt;
            const std::size_t rank = x.dims.size() + axes->size();
            std::vector<bool> inserted(rank, false);
            for (int64_t a : *axes) {
                const auto k = normalisedAxis(a, rank);
                if (!k || inserted[static_cast<std::size_t>(*k)])
                    return std::nullopt;
                inserted[static_cast<std::size_t>(*k)] = true;
            }
            v.dims.clear();
            std::size_t source = 0;
            for (std::size_t k = 0; k < rank; ++k)
                v.dims.push_back(inserted[k] ? 1 : x.dims[source++]);
            return v;
        }
        std::vector<bool> drop(x.dims.size(), false);
        if (axes) {
            for (int64_t a : *axes) {
                const auto k = normalisedAxis(a, x.dims.size());
                if (!k || x.dims[static_cast<std::size_t>(*k)] != 1)
                    return std::nullopt;
                drop[static_cast<std::size_t>(*k)] = true;
            }
        } else {
            for (std::size_t k = 0; k < x.dims.size(); ++k)
                drop[k] = x.dims[k] == 1;
        }
        v.dims.clear();
        for (std::size_t k = 0; k < x.dims.size(); ++k)
            if (!drop[k])
                v.dims.push_back(x.dims[k]);
        return v;
    }

    std::optional<FoldValue> reshape(const FoldValue& x) const
    {
        const std::optional<Dims> target = opset_ >= 5 ? intsFrom("", 1) : a_.integers("shape");
        if (!target)
            return std::nullopt;
        const bool allowZero = a_.integer("allowzero").value_or(0) != 0;
        Dims dims;
        int inferred = -1;
        int64_t known = 1;
        for (std::size_t i = 0; i < target->size(); ++i) {
            int64_t d = (*target)[i];
            if (d == 0 && !allowZero) {
                if (i >= x.dims.size())
                    return std::nullopt;
                d = x.dims[i];
            }
            if (d == -1) {
                if (inferred >= 0)
                    return std::nullopt;
                inferred = static_cast<int>(i);
                dims.push_back(1);
                continue;
            }
            if (d < 0 || (d != 0 && known > std::numeric_limits<int64_t>::max() / d))
                return std::nullopt;
            known *= d;
            dims.push_back(d);
        }
        const auto total = static_cast<int64_t>(x.size());
        if (inferred >= 0) {
            if (known == 0 || total % known != 0)
                return std::nullopt;
            dims[static_cast<std::size_t>(inferred)] = total / known;
        }
        if (elementCount(dims) != total)
            return std::nullopt;
        FoldValue v = x;
        v.dims = dims;
        return v;
    }

    std::optional<FoldValue> flatten(const FoldValue& x) const
    {
        const auto rank = x.dims.size();
        int64_t axis = a_.integer("axis").value_or(1);
        if (axis < 0)
            axis += static_cast<int64_t>(rank);
        if (axis < 0 || axis > static_cast<int64_t>(rank))
            return std::nullopt;
        FoldValue v = x;
        v.dims = {elementCount(Dims(x.dims.begin(), x.dims.begin() + axis)).value_or(0),
                  elementCount(Dims(x.dims.begin() + axis, x.dims.end())).value_or(0)};
        return v;
    }

    std::optional<FoldValue> concat() const
    {
        const FoldValue* first = value(0);
        const auto axis = normalisedAxis(a_.integer("axis").value_or(0), first->dims.size());
        if (!axis)
            return std::nullopt;
        const auto ax = static_cast<std::size_t>(*axis);
        Dims dims = first->dims;
        dims[ax] = 0;
        for (const FoldOperand& o : in_) {
            if (!o.value || o.value->type != first->type || o.value->dims.size() != dims.size())
                return std::nullopt;
            for (std::size_t d = 0; d < dims.size(); ++d)
                if (d != ax && o.value->dims[d] != dims[d])
                    return std::nullopt;
            dims[ax] += o.value->dims[ax];
        }
        if (!fits(dims))
            return std::nullopt;
        const int64_t outer = elementCount(Dims(dims.begin(), dims.begin() + *axis)).value_or(0);
        FoldValue v = makeValue(first->type, dims);
        for (int64_t o = 0; o < outer; ++o)
            for (const FoldOperand& op : in_) {
                const FoldValue& part = *op.value;
                const int64_t block = elementCount(Dims(part.dims.begin() + *axis, part.dims.end())).value_or(0);
                const auto from = static_cast<std::size_t>(o * block), to = static_cast<std::size_t>((o + 1) * block);
                if (v.integral())
                    v.ints.insert(v.ints.end(), part.ints.begin() + from, part.ints.begin() + to);
                else
                    v.reals.insert(v.reals.end(), part.reals.begin() + from, part.reals.begin() + to);
            }
        return v;
    }

    std::optional<FoldValue> slice(const FoldValue& x) const
    {
        std::optional<Dims> starts, ends, axes, steps;
        if (opset_ < 10) {
            starts = a_.integers("starts");
            ends = a_.integers("ends");
            axes = a_.integers("axes");
        } else {
            starts = intsFrom("", 1);
            ends = intsFrom("", 2);
            axes = intsFrom("", 3);
            steps = intsFrom("", 4);
        }
        if (!starts || !ends || starts->size() != ends->size())
            return std::nullopt;
        const std::size_t rank = x.dims.size();
        if (!axes) {
            axes.emplace();
            for (std::size_t i = 0; i < starts->size(); ++i)
                axes->push_back(static_cast<int64_t>(i));
        }
        if (!steps)
            steps = Dims(starts->size(), 1);
        if (axes->size() != starts->size() || steps->size() != starts->size())
            return std::nullopt;
        Dims begin(rank, 0), step(rank, 1), dims = x.dims;
        for (std::size_t i = 0; i < starts->size(); ++i) {
            const auto axis = normalisedAxis((*axes)[i], rank);
            const int64_t s = (*steps)[i];
            if (!axis || s == 0)
                return std::nullopt;
            const auto ax = static_cast<std::size_t>(*axis);
            const int64_t size = x.dims[ax];
            auto clampIndex = [size](int64_t v, int64_t lo, int64_t hi) {
                if (v < 0)
                    v = v < -size ? lo : v + size;
                return std::clamp(v, lo, hi);
            };
            const int64_t b = s > 0 ? clampIndex((*starts)[i], 0, size) : clampIndex((*starts)[i], -1, size - 1);
            const int64_t e = s > 0 ? clampIndex((*ends)[i], 0, size) : clampIndex((*ends)[i], -1, size - 1);
            const int64_t count = s > 0 ? (e > b ? (e - b + s - 1) / s : 0) : (b > e ? (b - e - s - 1) / -s : 0);
            begin[ax] = b;
            step[ax] = s;
            dims[ax] = count;
        }
        if (!fits(dims))
            return std::nullopt;
        const Dims strides = stridesOf(x.dims);
        std::vector<int64_t> source;
        forEachIndex(dims, [&](int64_t, const Dims& index) {
            int64_t s = 0;
            for (std::size_t d = 0; d < rank; ++d)
                s += (begin[d] + index[d] * step[d]) * strides[d];
            source.push_back(s);
        });
        return pick(x, dims, source);
    }

    std::optional<FoldValue> transpose(const FoldValue& x) const
    {
        const std::size_t rank = x.dims.size();
        Dims perm = a_.integers("perm").value_or(Dims{});
        if (perm.empty())
            for (std::size_t i = rank; i-- > 0;)
                perm.push_back(static_cast<int64_t>(i));
        if (perm.size() != rank)
            return std::nullopt;
        std::vector<bool> seen(rank, false);
        Dims dims;
        for (int64_t p : perm) {
            if (p < 0 || p >= static_cast<int64_t>(rank) || seen[static_cast<std::size_t>(p)])
                return std::nullopt;
            seen[static_cast<std::size_t>(p)] = true;
            dims.push_back(x.dims[static_cast<std::size_t>(p)]);
        }
        const Dims strides = stridesOf(x.dims);
        std::vector<int64_t> source;
        source.reserve(x.size());
        forEachIndex(dims, [&](int64_t, const Dims& index) {
            int64_t s = 0;
            for (std::size_t d = 0; d < rank; ++d)
                s += index[d] * strides[static_cast<std::size_t>(perm[d])];
            source.push_back(s);
        });
        return pick(x, dims, source);
    }

    // Source offsets of x read as `dims` under broadcasting.
    static std::vector<int64_t> broadcastSource(const FoldValue& x, const Dims& dims)
    {
        const Dims strides = broadcastStrides(x.dims, dims);
        std::vector<int64_t> source;
        forEachIndex(dims, [&](int64_t, const Dims& index) {
            int64_t s = 0;
            for (std::size_t d = 0; d < dims.size(); ++d)
                s += index[d] * strides[d];
            source.push_back(s);
        });
        return source;
    }

    std::optional<FoldValue> expand(const FoldValue& x) const
    {
        const FoldValue* shape = value(1);
        if (!shape || !shape->integral())
            return std::nullopt;
        const Dims dims = broadcastDims({x.dims, shape->ints});
        if (!fits(dims))
            return std::nullopt;
        return pick(x, dims, broadcastSource(x, dims));
    }

    std::optional<FoldValue> where() const
    {
        const FoldValue *c = value(0), *x = value(1), *y = value(2);
        if (!c || !x || !y || x->type != y->type || !c->integral())
            return std::nullopt;
        const Dims dims = broadcastDims({c->dims, x->dims, y->dims});
        if (!fits(dims))
            return std::nullopt;
        const auto cs = broadcastSource(*c, dims), xs = broadcastSource(*x, dims), ys = broadcastSource(*y, dims);
        FoldValue v = makeValue(x->type, dims);
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const FoldValue& from = c->ints[static_cast<std::size_t>(cs[i])] ? *x : *y;
            const auto k = static_cast<std::size_t>(c->ints[static_cast<std::size_t>(cs[i])] ? xs[i] : ys[i]);
            if (v.integral())
                v.ints.push_back(from.ints[k]);
            else
                v.reals.push_back(from.reals[k]);
        }
        return v;
    }

    std::optional<FoldValue> unary(const FoldValue& x) const
    {
        FoldValue v = x;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (x.integral()) {
                int64_t& e = v.ints[i];
                if (op_ == "Not")
                    e = e == 0;
                else if (op_ == "Neg" || op_ == "Abs") {
                    if (e == std::numeric_limits<int64_t>::min())
                        return std::nullopt;
                    e = op_ == "Neg" ? wrapInteger(x.type, -e) : std::abs(e);
                } else if (op_ == "Sign")
                    e = (e > 0) - (e < 0);
                else if (op_ != "Floor" && op_ != "Ceil" && op_ != "Round")
                    return std::nullopt; // Sqrt and Reciprocal are for floating types
            } else {
                double& e = v.reals[i];
                if (op_ == "Neg") e = -e;
                else if (op_ == "Abs") e = std::abs(e);
                else if (op_ == "Floor") e = std::floor(e);
                else if (op_ == "Ceil") e = std::ceil(e);
                else if (op_ == "Round") e = std::nearbyint(e);
                else if (op_ == "Sqrt") e = std::sqrt(e);
                else if (op_ == "Reciprocal") e = 1.0 / e;
                else if (op_ == "Sign") e = static_cast<double>((e > 0) - (e < 0));
                else return std::nullopt;
                if (x.type == DataType::Float)
                    e = static_cast<float>(e);
            }
        }
        return v;
    }

    static bool comparison(std::string_view op)
    {
        return op == "Equal" || op == "Less" || op == "Greater" || op == "LessOrEqual" || op == "GreaterOrEqual";
    }

    // Binary (and variadic Min/Max/Sum) ops with numpy broadcasting.
    std::optional<FoldValue> elementwise() const
    {
        const bool variadic = op_ == "Min" || op_ == "Max" || op_ == "Sum";
        const bool logical = op_ == "And" || op_ == "Or" || op_ == "Xor";
        if (!kFoldable.count(op_) || (!variadic && in_.size() != 2))
            return std::nullopt;
        std::optional<FoldValue> acc = *value(0);
        for (std::size_t i = 1; i < in_.size(); ++i) {
            const FoldValue& y = *value(i);
            if (y.type != acc->type)
                return std::nullopt; // ONNX requires equal types; a malformed model is the runtime's to report
            acc = binary(*acc, y, logical);
            if (!acc)
                return std::nullopt;
        }
        return acc;
    }

    std::optional<FoldValue> binary(const FoldValue& x, const FoldValue& y, bool logical) const
    {
        Dims dims;
        try {
            dims = broadcastDims({x.dims, y.dims});
        } catch (const std::invalid_argument&) {
            return std::nullopt;
        }
        if (!fits(dims))
            return std::nullopt;
        const auto xs = broadcastSource(x, dims), ys = broadcastSource(y, dims);
        const bool compare = comparison(op_);
        FoldValue v = makeValue(compare || logical ? DataType::Bool : x.type, dims);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const auto a = static_cast<std::size_t>(xs[i]), b = static_cast<std::size_t>(ys[i]);
            if (compare) {
                const bool r = x.integral() ? compareAs(x.ints[a], y.ints[b]) : compareAs(x.reals[a], y.reals[b]);
                v.ints.push_back(r);
            } else if (logical) {
                const bool p = x.ints[a] != 0, q = y.ints[b] != 0;
                v.ints.push_back(op_ == "And" ? (p && q) : op_ == "Or" ? (p || q) : (p != q));
            } else if (x.integral()) {
                const auto r = integerOp(x.ints[a], y.ints[b]);
                if (!r)
                    return std::nullopt;
                v.ints.push_back(wrapInteger(x.type, *r));
            } else {
                const double r = realOp(x.reals[a], y.reals[b]);
                v.reals.push_back(x.type == DataType::Float ? static_cast<double>(static_cast<float>(r)) : r);
            }
        }
        return v;
    }

    template <typename T>
    bool compareAs(T a, T b) const
    {
        if (op_ == "Equal") return a == b;
        if (op_ == "Less") return a < b;
        if (op_ == "Greater") return a > b;
        if (op_ == "LessOrEqual") return a <= b;
        return a >= b;
    }

    std::optional<int64_t> integerOp(int64_t a, int64_t b) const
    {
        int64_t r = 0;
        if (op_ == "Add" || op_ == "Sum")
            return __builtin_add_overflow(a, b, &r) ? std::nullopt : std::optional<int64_t>(r);
        if (op_ == "Sub")
            return __builtin_sub_overflow(a, b, &r) ? std::nullopt : std::optional<int64_t>(r);
        if (op_ == "Mul")
            return __builtin_mul_overflow(a, b, &r) ? std::nullopt : std::optional<int64_t>(r);
        if (op_ == "Min")
            return std::min(a, b);
        if (op_ == "Max")
            return std::max(a, b);
        if (op_ == "Div" || op_ == "Mod") {
            if (b == 0 || (b == -1 && a == std::numeric_limits<int64_t>::min()))
                return std::nullopt;
            if (op_ == "Div")
                return a / b; // ONNX integer division truncates, as C++ does
            const int64_t m = a % b;
            if (a_.integer("fmod").value_or(0) != 0)
                return m;
            return (m != 0 && ((m < 0) != (b < 0))) ? m + b : m; // the divisor's sign, as numpy
        }
        if (op_ == "Pow") {
            if (b < 0)
                return std::nullopt;
            int64_t p = 1;
            for (int64_t k = 0; k < b; ++k)
                if (__builtin_mul_overflow(p, a, &p))
                    return std::nullopt;
            return p;
        }
        return std::nullopt;
    }

    double realOp(double a, double b) const
    {
        if (op_ == "Add" || op_ == "Sum") return a + b;
        if (op_ == "Sub") return a - b;
        if (op_ == "Mul") return a * b;
        if (op_ == "Div") return a / b;
        if (op_ == "Min") return std::min(a, b);
        if (op_ == "Max") return std::max(a, b);
        if (op_ == "Pow") return std::pow(a, b);
        if (op_ == "Mod") {
            const double m = std::fmod(a, b);
            if (a_.integer("fmod").value_or(0) != 0)
                return m;
            return (m != 0 && ((m < 0) != (b < 0))) ? m + b : m;
        }
        return std::numeric_limits<double>::quiet_NaN();
    }

    // Ops folded from their first operand (with the attributes and, where they take more, the
    // other operands read inside).
    using FromFirstOperand = std::optional<FoldValue> (Evaluator::*)(const FoldValue&) const;
    static constexpr std::pair<std::string_view, FromFirstOperand> kFromFirstOperand[] = {
        {"ConstantOfShape", &Evaluator::constantOfShape}, {"Gather", &Evaluator::gather},
        {"Reshape", &Evaluator::reshape},                 {"Flatten", &Evaluator::flatten},
        {"Slice", &Evaluator::slice},                     {"Transpose", &Evaluator::transpose},
        {"Expand", &Evaluator::expand}};

    std::string_view op_;
    int64_t opset_;
    const FoldAttributes& a_;
    const std::vector<FoldOperand>& in_;
    int64_t max_;
};

template <typename T>
void appendElements(const std::byte* p, std::size_t count, FoldValue& v)
{
    for (std::size_t i = 0; i < count; ++i) {
        T e;
        std::memcpy(&e, p + i * sizeof(T), sizeof(T));
        if constexpr (std::is_floating_point_v<T>)
            v.reals.push_back(static_cast<double>(e));
        else
            v.ints.push_back(static_cast<int64_t>(e));
    }
}

template <typename T>
void storeElements(const FoldValue& v, std::vector<std::byte>& out)
{
    out.resize(v.size() * sizeof(T));
    for (std::size_t i = 0; i < v.size(); ++i) {
        const T e = v.integral() ? static_cast<T>(v.ints[i]) : static_cast<T>(v.reals[i]);
        std::memcpy(out.data() + i * sizeof(T), &e, sizeof(T));
    }
}

std::vector<std::byte> bytesOf(const FoldValue& v)
{
    std::vector<std::byte> out;
    switch (v.type) {
    case DataType::Float: storeElements<float>(v, out); break;
    case DataType::Double: storeElements<double>(v, out); break;
    case DataType::Bool:
    case DataType::UInt8: storeElements<uint8_t>(v, out); break;
    case DataType::Int8: storeElements<int8_t>(v, out); break;
    case DataType::Int16: storeElements<int16_t>(v, out); break;
    case DataType::UInt16: storeElements<uint16_t>(v, out); break;
    case DataType::Int32: storeElements<int32_t>(v, out); break;
    case DataType::UInt32: storeElements<uint32_t>(v, out); break;
    case DataType::UInt64: storeElements<uint64_t>(v, out); break;
    default: storeElements<int64_t>(v, out); break;
    }
    return out;
}

} // namespace

std::optional<FoldValue> foldValueOf(const ConstantData& c, int64_t maxElements)
{
    if (!foldableType(c.type()) || c.elementCount() < 0 || c.elementCount() > maxElements || !c.checkSize().empty())
        return std::nullopt;
    const auto bytes = c.bytes();
    const auto count = static_cast<std::size_t>(c.elementCount());
    if (bytes.size() != count * dataTypeSize(c.type()))
        return std::nullopt;
    FoldValue v = makeValue(c.type(), c.dims());
    const std::byte* p = bytes.data();
    switch (c.type()) {
    case DataType::Float: appendElements<float>(p, count, v); break;
    case DataType::Double: appendElements<double>(p, count, v); break;
    case DataType::Bool:
    case DataType::UInt8: appendElements<uint8_t>(p, count, v); break;
    case DataType::Int8: appendElements<int8_t>(p, count, v); break;
    case DataType::Int16: appendElements<int16_t>(p, count, v); break;
    case DataType::UInt16: appendElements<uint16_t>(p, count, v); break;
    case DataType::Int32: appendElements<int32_t>(p, count, v); break;
    case DataType::UInt32: appendElements<uint32_t>(p, count, v); break;
    case DataType::UInt64: appendElements<uint64_t>(p, count, v); break;
    default: appendElements<int64_t>(p, count, v); break;
    }
    if (v.type == DataType::Bool)
        for (int64_t& e : v.ints)
            e = e != 0;
    return v;
}

std::optional<FoldValue> foldValueOf(const onnx::TensorProto& t, int64_t maxElements)
{
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
        return std::nullopt;
    return foldValueOf(ConstantData(&t, nullptr, 0), maxElements);
}

ConstantData constantDataOf(const FoldValue& v)
{
    return ConstantData::owned(v.type, v.dims, bytesOf(v));
}

void writeTensorProto(const FoldValue& v, onnx::TensorProto& t)
{
    t.clear_dims();
    for (int64_t d : v.dims)
        t.add_dims(d);
    t.set_data_type(static_cast<int32_t>(v.type));
    const std::vector<std::byte> bytes = bytesOf(v);
    t.set_raw_data(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

bool isFoldableOp(std::string_view op)
{
    return kFoldable.count(op) != 0;
}

std::optional<FoldValue> evaluateConstantOp(std::string_view op, int64_t opset, const FoldAttributes& attributes,
                                            const std::vector<FoldOperand>& inputs, int64_t maxElements)
{
    if (!isFoldableOp(op))
        return std::nullopt;
    try {
        return Evaluator(op, opset, attributes, inputs, maxElements).run();
    } catch (const std::exception&) {
        return std::nullopt; // operands that do not fit together: shape inference or the runtime says why
    }
}

} // namespace foldwise
