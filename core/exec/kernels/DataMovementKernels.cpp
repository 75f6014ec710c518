// Ops that move or convert elements without arithmetic: Transpose, Slice, Gather, Pad, Cast,
// Expand, Tile. Generic over element size.
#include "model/Broadcast.h"
#include "exec/KernelRegistry.h"
#include "exec/kernels/KernelHelpers.h"

#include <cmath>
#include <cstring>

namespace foldwise {
namespace {

using kernel_helpers::lambda;
using kernel_helpers::rowMajorStrides;

// Copies out[i] = in[offset(i)] where the source offset advances by `srcStrides` per output dim.
void stridedCopy(const HostTensor& src, HostTensor& dst, const std::vector<int64_t>& srcStrides, int64_t srcBase)
{
    const std::size_t size = dataTypeSize(src.type());
    const std::vector<int64_t>& dims = dst.dims();
    const std::size_t rank = dims.size();
    const int64_t total = dst.elementCount();
    if (total == 0)
        return;
    std::vector<int64_t> index(rank, 0);
    int64_t offset = srcBase;
    const std::byte* s = src.bytes();
    std::byte* d = dst.mutableBytes();
    for (int64_t i = 0; i < total; ++i) {
        std::memcpy(d + static_cast<std::size_t>(i) * size, s + static_cast<std::size_t>(offset) * size, size);
        offset = kernel_helpers::advanceIndex(index, dims, srcStrides, offset);
    }
}

void requireSizedType(const KernelBuildContext& c)
{
    if (c.hasInput(0) && c.inputType(0) != DataType::Undefined && dataTypeSize(c.inputType(0)) == 0)
        c.unsupported("element type " + std::string(dataTypeName(c.inputType(0))));
}

std::unique_ptr<Kernel> makeTranspose(const KernelBuildContext& c)
{
    requireSizedType(c);
    const std::vector<int64_t> perm = c.node.intsAttr("perm");
    return lambda([perm](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const std::size_t rank = x.rank();
        std::vector<int64_t> p = perm;
        if (p.empty())
            for (std::size_t i = 0; i < rank; ++i)
                p.push_back(static_cast<int64_t>(rank - 1 - i));
        if (p.size() != rank)
            throw std::invalid_argument("perm has " + std::to_string(p.size()) + " entries for rank " + std::to_string(rank));
        const std::vector<int64_t> inStrides = rowMajorStrides(x.dims());
        std::vector<int64_t> dims(rank), strides(rank);
        std::vector<bool> seen(rank, false);
        for (std::size_t i = 0; i < rank; ++i) {
            const auto a = static_cast<std::size_t>(p[i] < 0 ? p[i] + static_cast<int64_t>(rank) : p[i]);
            if (a >= rank || seen[a])
                throw std::invalid_argument("perm is not a permutation of the axes");
            seen[a] = true;
            dims[i] = x.dims()[a];
            strides[i] = inStrides[a];
        }
        HostTensor y = HostTensor::allocateUninitialised(x.type(), dims);
        stridedCopy(x, y, strides, 0);
        out[0] = y;
    });
}

std::unique_ptr<Kernel> makeSlice(const KernelBuildContext& c)
{
    requireSizedType(c);
    const bool fromInputs = c.opset >= 10;
    const std::vector<int64_t> startsAttr = c.node.intsAttr("starts"), endsAttr = c.node.intsAttr("ends"),
                               axesAttr = c.node.intsAttr("axes");
    return lambda([=](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const auto rank = static_cast<int64_t>(x.rank());
        std::vector<int64_t> starts = fromInputs ? in[1]->toInt64s() : startsAttr;
        std::vector<int64_t> ends = fromInputs ? in[2]->toInt64s() : endsAttr;
        std::vector<int64_t> axes = fromInputs ? (in.size() > 3 && in[3] ? in[3]->toInt64s() : std::vector<int64_t>{}) : axesAttr;
        std::vector<int64_t> steps = fromInputs && in.size() > 4 && in[4] ? in[4]->toInt64s() : std::vector<int64_t>{};
        if (axes.empty())
            for (std::size_t i = 0; i < starts.size(); ++i)
                axes.push_back(static_cast<int64_t>(i));
        if (steps.empty())
            steps.assign(starts.size(), 1);
        if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
            throw std::invalid_argument("starts, ends, axes and steps differ in length");
        std::vector<int64_t> first(static_cast<std::size_t>(rank), 0), step(static_cast<std::size_t>(rank), 1),
            dims = x.dims();
        for (std::size_t k = 0; k < starts.size(); ++k) {
            const int64_t axis = axes[k] < 0 ? axes[k] + rank : axes[k];
            if (axis < 0 || axis >= rank)
                throw std::invalid_argument("axis out of range");
            const auto a = static_cast<std::size_t>(axis);
            const int64_t n = x.dims()[a];
            const int64_t s = steps[k];
            if (s == 0)
                throw std::invalid_argument("step 0");
            auto clampTo = [n](int64_t v, int64_t lo, int64_t hi) {
                if (v < 0)
                    v += n;
                return std::clamp(v, lo, hi);
            };
            int64_t b = 0, e = 0;
            if (s > 0) {
                b = clampTo(starts[k], 0, n);
                e = clampTo(ends[k], 0, n);
                dims[a] = e > b ? (e - b - 1) / s + 1 : 0;
            } else {
                b = clampTo(starts[k], 0, n - 1);
                e = ends[k] < -n ? -1 : clampTo(ends[k], -1, n - 1);
                dims[a] = b > e ? (b - e - 1) / (s == INT64_MIN ? INT64_MAX : -s) + 1 : 0;
            }
            first[a] = b;
            step[a] = s;
        }
        const std::vector<int64_t> inStrides = rowMajorStrides(x.dims());
        std::vector<int64_t> strides(static_cast<std::size_t>(rank));
        int64_t base = 0;
        for (std::size_t a = 0; a < static_cast<std::size_t>(rank); ++a) {
            strides[a] = inStrides[a] * step[a];
            base += inStrides[a] * first[a];
        }
        HostTensor y = HostTensor::allocateUninitialised(x.type(), dims);
        stridedCopy(x, y, strides, base);
        out[0] = y;
    });
}

std::unique_ptr<Kernel> makeGather(const KernelBuildContext& c)
{
    requireSizedType(c);
    c.requireInputTypes({1}, {DataType::Int64, DataType::Int32});
    const int64_t axisAttr = c.node.intAttr("axis", 0);
    return lambda([axisAttr](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const HostTensor& idx = *in[1];
        const auto rank = static_cast<int64_t>(x.rank());
        const int64_t axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
        if (axis < 0 || axis >= rank)
            throw std::invalid_argument("axis out of range");
        const int64_t n = x.dims()[static_cast<std::size_t>(axis)];
        std::vector<int64_t> dims(x.dims().begin(), x.dims().begin() + axis);
        dims.insert(dims.end(), idx.dims().begin(), idx.dims().end());
        dims.insert(dims.end(), x.dims().begin() + axis + 1, x.dims().end());
        int64_t outer = 1, inner = 1;
        for (int64_t i = 0; i < rank; ++i) {
            if (i < axis)
                outer *= x.dims()[static_cast<std::size_t>(i)];
            else if (i > axis)
                inner *= x.dims()[static_cast<std::size_t>(i)];
        }
        const std::vector<int64_t> indices = idx.toInt64s();
        HostTensor y = HostTensor::allocateUninitialised(x.type(), dims);
        const std::size_t size = dataTypeSize(x.type()) * static_cast<std::size_t>(inner);
        const auto count = static_cast<int64_t>(indices.size());
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t k = 0; k < count; ++k) {
                int64_t j = indices[static_cast<std::size_t>(k)];
                if (j < 0)
                    j += n;
                if (j < 0 || j >= n)
                    throw std::invalid_argument("index " + std::to_string(indices[static_cast<std::size_t>(k)]) + " out of range");
                if (size)
                    std::memcpy(y.mutableBytes() + static_cast<std::size_t>(o * count + k) * size,
                                x.bytes() + static_cast<std::size_t>(o * n + j) * size, size);
            }
        out[0] = y;
    });
}

std::unique_ptr<Kernel> makePad(const KernelBuildContext& c)
{
    c.requireInputTypes({0}, {DataType::Float});
    const std::string mode = c.node.stringAttr("mode", "constant");
    if (mode != "constant" && mode != "reflect" && mode != "edge")
        c.unsupported("pad mode '" + mode + "'");
    const bool fromInputs = c.opset >= 11;
    const std::vector<int64_t> padsAttr = c.node.intsAttr("pads");
    const float valueAttr = c.node.floatAttr("value", 0.0f);
    return lambda([=](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const auto rank = static_cast<int64_t>(x.rank());
        std::vector<int64_t> raw = fromInputs ? in[1]->toInt64s() : padsAttr;
        const float value = fromInputs && in.size() > 2 && in[2] && in[2]->elementCount() ? in[2]->data<float>()[0] : valueAttr;
        std::vector<int64_t> pads(static_cast<std::size_t>(2 * rank), 0);
        if (fromInputs && in.size() > 3 && in[3]) {
            const std::vector<int64_t> axes = in[3]->toInt64s();
            if (raw.size() != 2 * axes.size())
                throw std::invalid_argument("pads do not match axes");
            for (std::size_t k = 0; k < axes.size(); ++k) {
                const int64_t a = kernel_helpers::normaliseAxis(axes[k], rank);
                pads[static_cast<std::size_t>(a)] = raw[k];
                pads[static_cast<std::size_t>(a + rank)] = raw[k + axes.size()];
            }
        } else if (static_cast<int64_t>(raw.size()) == 2 * rank) {
            pads = raw;
        } else {
            throw std::invalid_argument("pads has " + std::to_string(raw.size()) + " entries for rank " + std::to_string(rank));
        }
        std::vector<int64_t> dims(static_cast<std::size_t>(rank));
        for (std::size_t a = 0; a < static_cast<std::size_t>(rank); ++a) {
            dims[a] = x.dims()[a] + pads[a] + pads[a + static_cast<std::size_t>(rank)];
            if (dims[a] < 0)
                throw std::invalid_argument("negative output dim");
        }
        HostTensor y = HostTensor::allocateUninitialised(DataType::Float, dims);
        float* dst = y.mutableData<float>();
        const float* src = x.data<float>();
        const std::vector<int64_t> inStrides = rowMajorStrides(x.dims());
        std::vector<int64_t> index(static_cast<std::size_t>(rank), 0);
        for (int64_t i = 0; i < y.elementCount(); ++i) {
            int64_t offset = 0;
            bool inside = true;
            for (std::size_t a = 0; a < static_cast<std::size_t>(rank) && inside; ++a) {
                int64_t j = index[a] - pads[a];
                const int64_t n = x.dims()[a];
                if (j < 0 || j >= n) {
                    if (mode == "constant" || n == 0)
                        inside = false;
                    else if (mode == "edge")
                        j = std::clamp<int64_t>(j, 0, n - 1);
                    else {
                        const int64_t period = 2 * (n - 1);
                        if (period == 0)
                            j = 0;
                        else {
                            j = std::abs(j) % period;
                            if (j >= n)
                                j = period - j;
                        }
                    }
                }
                offset += j * inStrides[a];
            }
            dst[i] = inside ? src[offset] : value;
            kernel_helpers::advanceIndex(index, dims);
        }
        out[0] = y;
    });
}

template <typename From>
void castFrom(const HostTensor& x, HostTensor& y)
{
    const From* s = x.data<From>();
    const int64_t n = x.elementCount();
    switch (y.type()) {
    case DataType::Float: for (int64_t i = 0; i < n; ++i) y.mutableData<float>()[i] = static_cast<float>(s[i]); break;
    case DataType::Double: for (int64_t i = 0; i < n; ++i) y.mutableData<double>()[i] = static_cast<double>(s[i]); break;
    case DataType::Int64: for (int64_t i = 0; i < n; ++i) y.mutableData<int64_t>()[i] = static_cast<int64_t>(s[i]); break;
    case DataType::Int32: for (int64_t i = 0; i < n; ++i) y.mutableData<int32_t>()[i] = static_cast<int32_t>(s[i]); break;
    case DataType::Int8: for (int64_t i = 0; i < n; ++i) y.mutableData<int8_t>()[i] = static_cast<int8_t>(s[i]); break;
    case DataType::UInt8: for (int64_t i = 0; i < n; ++i) y.mutableData<uint8_t>()[i] = static_cast<uint8_t>(s[i]); break;
    case DataType::Bool: for (int64_t i = 0; i < n; ++i) y.mutableData<uint8_t>()[i] = s[i] != From{} ? 1 : 0; break;
    default: throw std::invalid_argument("cast to " + std::string(dataTypeName(y.type())));
    }
}

bool castable(DataType t)
{
    return t == DataType::Float || t == DataType::Double || t == DataType::Int64 || t == DataType::Int32
        || t == DataType::Int8 || t == DataType::UInt8 || t == DataType::Bool;
}

std::unique_ptr<Kernel> makeCast(const KernelBuildContext& c)
{
    const auto to = static_cast<DataType>(c.node.intAttr("to", 0));
    if (!castable(to) || !castable(c.inputType(0)))
        c.unsupported("cast from " + std::string(dataTypeName(c.inputType(0))) + " to " + std::string(dataTypeName(to)));
    return lambda([to](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        HostTensor y = HostTensor::allocateUninitialised(to, x.dims());
        switch (x.type()) {
        case DataType::Float: castFrom<float>(x, y); break;
        case DataType::Double: castFrom<double>(x, y); break;
        case DataType::Int64: castFrom<int64_t>(x, y); break;
        case DataType::Int32: castFrom<int32_t>(x, y); break;
        case DataType::Int8: castFrom<int8_t>(x, y); break;
        case DataType::UInt8:
        case DataType::Bool: castFrom<uint8_t>(x, y); break;
        default: throw std::invalid_argument("cast from " + std::string(dataTypeName(x.type())));
        }
        out[0] = y;
    });
}

std::unique_ptr<Kernel> makeExpand(const KernelBuildContext& c)
{
    requireSizedType(c);
    return lambda([](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const std::vector<int64_t> dims = broadcastDims({x.dims(), in[1]->toInt64s()});
        HostTensor y = HostTensor::allocateUninitialised(x.type(), dims);
        stridedCopy(x, y, broadcastStrides(x.dims(), dims), 0);
        out[0] = y;
    });
}

} // namespace

void registerDataMovementKernels(KernelRegistry& r)
{
    r.add("Transpose", makeTranspose);
    r.add("Slice", makeSlice);
    r.add("Gather", makeGather);
    r.add("Pad", makePad);
    r.add("Cast", makeCast);
    r.add("Expand", makeExpand);
}

} // namespace foldwise
