// Element-wise binary and variadic ops with numpy broadcasting: Add, Sub, Mul, Div, Pow, Max,
// Min, Sum, Mean, comparisons, Where. Float Add/Sub/Mul/Div/Max/Min use oneDNN's binary
// primitive when the first operand already has the output shape (oneDNN broadcasts only the
// second); everything else is a typed loop over broadcast runs.
#include "exec/KernelRegistry.h"
#include "model/Broadcast.h"
#include "model/DnnlSupport.h"

#include <cmath>
#include <cstring>

namespace foldwise {
namespace {

namespace ds = dnnl_support;

enum class Op { Add, Sub, Mul, Div, Pow, Max, Min, Mean, Equal, Less, Greater, LessOrEqual, GreaterOrEqual, And, Or, Xor };

bool isComparison(Op op)
{
    return op == Op::Equal || op == Op::Less || op == Op::Greater || op == Op::LessOrEqual || op == Op::GreaterOrEqual;
}

bool isLogical(Op op)
{
    return op == Op::And || op == Op::Or || op == Op::Xor;
}

template <typename T>
T apply(Op op, T a, T b)
{
    switch (op) {
    case Op::Add:
    case Op::Mean: return static_cast<T>(a + b);
    case Op::Sub: return static_cast<T>(a - b);
    case Op::Mul: return static_cast<T>(a * b);
    case Op::Div: return static_cast<T>(a / b);
    case Op::Pow: return static_cast<T>(std::pow(a, b));
    case Op::Max: return a > b ? a : b;
    case Op::Min: return a < b ? a : b;
    default: return a;
    }
}

template <typename T>
bool compare(Op op, T a, T b)
{
    switch (op) {
    case Op::Equal: return a == b;
    case Op::Less: return a < b;
    case Op::Greater: return a > b;
    case Op::LessOrEqual: return a <= b;
    case Op::GreaterOrEqual: return a >= b;
    case Op::And: return a && b;
    case Op::Or: return a || b;
    case Op::Xor: return static_cast<bool>(a) != static_cast<bool>(b);
    default: return false;
    }
}

template <typename T, typename R, typename F>
void broadcastLoop(const HostTensor& a, const HostTensor& b, HostTensor& out, F f)
{
    const std::vector<std::vector<int64_t>> strides{broadcastStrides(a.dims(), out.dims()),
                                                    broadcastStrides(b.dims(), out.dims())};
    const T* pa = a.data<T>();
    const T* pb = b.data<T>();
    R* po = out.mutableData<R>();
    const bool aRuns = out.rank() && strides[0].back() != 0;
    const bool bRuns = out.rank() && strides[1].back() != 0;
    forEachBroadcastRun(out.dims(), strides, [&](int64_t o, const std::vector<int64_t>& off, int64_t len) {
        for (int64_t i = 0; i < len; ++i)
            po[o + i] = f(pa[off[0] + (aRuns ? i : 0)], pb[off[1] + (bRuns ? i : 0)]);
    });
}

template <typename T>
void typedBinary(Op op, const HostTensor& a, const HostTensor& b, HostTensor& out)
{
    if (isComparison(op) || isLogical(op))
        broadcastLoop<T, uint8_t>(a, b, out, [op](T x, T y) { return static_cast<uint8_t>(compare(op, x, y)); });
    else
        broadcastLoop<T, T>(a, b, out, [op](T x, T y) { return apply(op, x, y); });
}

void dispatchBinary(Op op, const HostTensor& a, const HostTensor& b, HostTensor& out)
{
    switch (a.type()) {
    case DataType::Float: typedBinary<float>(op, a, b, out); break;
    case DataType::Double: typedBinary<double>(op, a, b, out); break;
    case DataType::Int64: typedBinary<int64_t>(op, a, b, out); break;
    case DataType::Int32: typedBinary<int32_t>(op, a, b, out); break;
    case DataType::Int16: typedBinary<int16_t>(op, a, b, out); break;
    case DataType::Int8: typedBinary<int8_t>(op, a, b, out); break;
    case DataType::UInt64: typedBinary<uint64_t>(op, a, b, out); break;
    case DataType::UInt32: typedBinary<uint32_t>(op, a, b, out); break;
    case DataType::UInt16: typedBinary<uint16_t>(op, a, b, out); break;
    case DataType::UInt8:
    case DataType::Bool: typedBinary<uint8_t>(op, a, b, out); break;
    default: throw std::invalid_argument("element type " + std::string(dataTypeName(a.type())));
    }
}

std::optional<dnnl::algorithm> dnnlAlgorithm(Op op)
{
    switch (op) {
    case Op::Add: return dnnl::algorithm::binary_add;
    case Op::Sub: return dnnl::algorithm::binary_sub;
    case Op::Mul: return dnnl::algorithm::binary_mul;
    case Op::Div: return dnnl::algorithm::binary_div;
    case Op::Max: return dnnl::algorithm::binary_max;
    case Op::Min: return dnnl::algorithm::binary_min;
    default: return std::nullopt;
    }
}

class BinaryKernel final : public Kernel {
public:
    BinaryKernel(const KernelBuildContext& c, Op op) : op_(op)
    {
        const std::size_t n = c.node.inputs.size();
        if (n == 0)
            c.unsupported("no inputs");
        for (std::size_t i = 0; i < n; ++i)
            if (c.inputType(i) != c.inputType(0))
                c.unsupported("mixed element types");
        if (op == Op::Div && (c.inputType(0) != DataType::Float && c.inputType(0) != DataType::Double))
            integerDivision_ = true;
        if (op == Op::Pow && c.hasInput(1) && c.inputType(1) != c.inputType(0))
            c.unsupported("Pow with a different exponent type");
    }

    // Same-shape operands in the same layout combine element by element in that layout;
    // anything else is combined row-major.
    bool acceptsChannelsLast(std::size_t) const override { return true; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        HostTensor acc = *in[0];
        if (in.size() == 1 && op_ != Op::Mean) {
            out[0] = acc.clone();
            return;
        }
        for (std::size_t i = 1; i < in.size(); ++i)
            acc = combine(acc, *in[i]);
        if (op_ == Op::Mean) {
            if (in.size() == 1)
                acc = acc.clone();
            float* p = acc.mutableData<float>();
            const float scale = 1.0f / static_cast<float>(in.size());
            for (int64_t i = 0; i < acc.elementCount(); ++i)
                p[i] *= scale;
        }
        out[0] = acc;
    }

private:
    HostTensor combine(const HostTensor& aIn, const HostTensor& bIn)
    {
        const bool sameLayout = aIn.layout() == bIn.layout() && aIn.dims() == bIn.dims();
        const HostTensor a = sameLayout ? aIn : aIn.asRowMajor();
        const HostTensor b = sameLayout ? bIn : bIn.asRowMajor();
        const std::vector<int64_t> dims = broadcastDims({a.dims(), b.dims()});
        const DataType outType = isComparison(op_) || isLogical(op_) ? DataType::Bool : a.type();
        HostTensor out = HostTensor::allocateUninitialised(outType, dims, a.layout());
        if (out.elementCount() == 0)
            return out;
        if (integerDivision_)
            checkNoZeroDivisor(b);
        const auto alg = dnnlAlgorithm(op_);
        if (alg && a.type() == DataType::Float && a.dims() == dims && dims.size() <= 12 && !dims.empty()) {
            std::vector<int64_t> bd(dims.size() - b.rank(), 1);
            bd.insert(bd.end(), b.dims().begin(), b.dims().end());
            const auto aDesc = ds::plainDesc(dims, DataType::Float);
            const auto bDesc = ds::plainDesc(bd, DataType::Float);
            if (dims != cachedA_ || bd != cachedB_ || !primitive_) {
                cachedA_ = dims;
                cachedB_ = bd;
                dnnl::binary::desc d(*alg, aDesc, bDesc, aDesc);
                primitive_ = std::make_unique<dnnl::binary>(dnnl::binary::primitive_desc(d, ds::attributes(), ds::engine()));
            }
            ds::execute(*primitive_, {{DNNL_ARG_SRC_0, ds::wrap(a, aDesc)},
                                      {DNNL_ARG_SRC_1, ds::wrap(b, bDesc)},
                                      {DNNL_ARG_DST, ds::wrap(out, aDesc)}});
            return out;
        }
        dispatchBinary(op_, a, b, out);
        return out;
    }

    static void checkNoZeroDivisor(const HostTensor& b)
    {
        for (double v : b.toDoubles())
            if (v == 0)
                throw std::invalid_argument("integer division by zero");
    }

    Op op_;
    bool integerDivision_ = false;
    std::vector<int64_t> cachedA_, cachedB_;
    std::unique_ptr<dnnl::binary> primitive_;
};

// Where(condition, X, Y) with three-way broadcasting.
class WhereKernel final : public Kernel {
public:
    explicit WhereKernel(const KernelBuildContext& c)
    {
        c.requireInputTypes({0}, {DataType::Bool});
        if (c.inputType(1) != c.inputType(2))
            c.unsupported("X and Y differ in element type");
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& cond = *in[0];
        const HostTensor& x = *in[1];
        const HostTensor& y = *in[2];
        const auto dims = broadcastDims({cond.dims(), x.dims(), y.dims()});
        out[0] = HostTensor::allocateUninitialised(x.type(), dims);
        const std::size_t size = dataTypeSize(x.type());
        if (size == 0)
            throw std::invalid_argument("element type " + std::string(dataTypeName(x.type())));
        const std::vector<std::vector<int64_t>> strides{broadcastStrides(cond.dims(), dims),
                                                        broadcastStrides(x.dims(), dims), broadcastStrides(y.dims(), dims)};
        const uint8_t* c = cond.data<uint8_t>();
        const std::byte* px = x.bytes();
        const std::byte* py = y.bytes();
        std::byte* po = out[0].mutableBytes();
        const std::size_t rank = dims.size();
        forEachBroadcastRun(dims, strides, [&](int64_t o, const std::vector<int64_t>& off, int64_t len) {
            for (int64_t i = 0; i < len; ++i) {
                auto at = [&](std::size_t k) { return off[k] + (rank && strides[k].back() ? i : 0); };
                const std::byte* src = c[at(0)] ? px + at(1) * static_cast<int64_t>(size) : py + at(2) * static_cast<int64_t>(size);
                std::memcpy(po + (o + i) * static_cast<int64_t>(size), src, size);
            }
        });
    }
};

KernelFactory binary(Op op, std::initializer_list<DataType> types)
{
    std::vector<DataType> allowed(types);
    return [op, allowed](const KernelBuildContext& c) -> std::unique_ptr<Kernel> {
        for (std::size_t i = 0; i < c.node.inputs.size(); ++i) {
            bool ok = false;
            for (DataType t : allowed)
                ok = ok || c.inputType(i) == t;
            if (!ok)
                c.unsupported("input " + std::to_string(i) + " has element type " + std::string(dataTypeName(c.inputType(i))));
        }
        return std::make_unique<BinaryKernel>(c, op);
    };
}

} // namespace

void registerBinaryKernels(KernelRegistry& r)
{
    using D = DataType;
    const std::initializer_list<DataType> numeric{D::Float, D::Double, D::Int64, D::Int32, D::Int16, D::Int8,
                                                  D::UInt64, D::UInt32, D::UInt16, D::UInt8};
    r.add("Add", binary(Op::Add, numeric));
    r.add("Sub", binary(Op::Sub, numeric));
    r.add("Mul", binary(Op::Mul, numeric));
    r.add("Div", binary(Op::Div, numeric));
    r.add("Pow", binary(Op::Pow, {D::Float, D::Double}));
    r.add("Max", binary(Op::Max, numeric));
    r.add("Min", binary(Op::Min, numeric));
    r.add("Sum", binary(Op::Add, {D::Float, D::Double}));
    r.add("Mean", binary(Op::Mean, {D::Float}));
    r.add("Equal", binary(Op::Equal, {D::Float, D::Int64, D::Int32, D::Bool}));
    r.add("Less", binary(Op::Less, {D::Float, D::Double, D::Int64, D::Int32}));
    r.add("Greater", binary(Op::Greater, {D::Float, D::Double, D::Int64, D::Int32}));
    r.add("LessOrEqual", binary(Op::LessOrEqual, {D::Float, D::Double, D::Int64, D::Int32}));
    r.add("GreaterOrEqual", binary(Op::GreaterOrEqual, {D::Float, D::Double, D::Int64, D::Int32}));
    r.add("And", binary(Op::And, {D::Bool}));
    r.add("Or", binary(Op::Or, {D::Bool}));
    r.add("Xor", binary(Op::Xor, {D::Bool}));
    r.add("Where", factoryOf<WhereKernel>());
}

} // namespace foldwise
