// Ops that only relabel a tensor's shape (the bytes are shared, never copied) or make small
// constant tensors: Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout, Shape, Size,
// Constant, ConstantOfShape.
#include "exec/KernelRegistry.h"
#include "exec/kernels/KernelHelpers.h"
#include "model/Tensor.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <set>

namespace foldwise {
namespace {

using kernel_helpers::lambda;
using kernel_helpers::LambdaKernel;
using kernel_helpers::normaliseAxis;

// Axes from the attribute (before `inputFromOpset`) or from input 1.
std::vector<int64_t> axesOf(std::span<const HostTensor* const> in, const std::vector<int64_t>& attribute, bool fromInput)
{
    if (!fromInput)
        return attribute;
    if (in.size() > 1 && in[1])
        return in[1]->toInt64s();
    return {};
}

std::unique_ptr<Kernel> makeReshape(const KernelBuildContext& c)
{
    const bool allowZero = c.node.intAttr("allowzero", 0) != 0;
    if (c.opset < 5)
        c.unsupported("Reshape before opset 5");
    return lambda([allowZero](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        std::vector<int64_t> shape = in[1]->toInt64s();
        int64_t known = 1;
        int inferred = -1;
        for (std::size_t i = 0; i < shape.size(); ++i) {
            if (shape[i] == 0 && !allowZero) {
                if (i >= x.rank())
                    throw std::invalid_argument("shape copies dim " + std::to_string(i) + " that the input lacks");
                shape[i] = x.dims()[i];
            }
            if (shape[i] == -1) {
                if (inferred >= 0)
                    throw std::invalid_argument("more than one -1 in the target shape");
                inferred = static_cast<int>(i);
            } else if (shape[i] < 0) {
                throw std::invalid_argument("negative target dim " + std::to_string(shape[i]));
            } else {
                known *= shape[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || x.elementCount() % known != 0)
                throw std::invalid_argument("cannot infer -1: " + std::to_string(x.elementCount()) + " elements into "
                                            + std::to_string(known));
            shape[static_cast<std::size_t>(inferred)] = x.elementCount() / known;
        }
        out[0] = x.reshaped(shape);
    });
}

std::unique_ptr<Kernel> makeFlatten(const KernelBuildContext& c)
{
    const int64_t axisAttr = c.node.intAttr("axis", 1);
    return lambda([axisAttr](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const auto rank = static_cast<int64_t>(x.rank());
        const int64_t axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
        if (axis < 0 || axis > rank)
            throw std::invalid_argument("axis out of range");
        int64_t outer = 1;
        for (int64_t i = 0; i < axis; ++i)
            outer *= x.dims()[static_cast<std::size_t>(i)];
        out[0] = x.reshaped({outer, outer ? x.elementCount() / outer : 0});
        if (outer == 0) {
            int64_t inner = 1;
            for (int64_t i = axis; i < rank; ++i)
                inner *= x.dims()[static_cast<std::size_t>(i)];
            out[0] = x.reshaped({0, inner});
        }
    });
}

std::unique_ptr<Kernel> makeSqueeze(const KernelBuildContext& c)
{
    const bool fromInput = c.opset >= 13;
    const std::vector<int64_t> attribute = c.node.intsAttr("axes");
    return lambda([=](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const auto rank = static_cast<int64_t>(x.rank());
        std::set<int64_t> axes;
        for (int64_t a : axesOf(in, attribute, fromInput))
            axes.insert(normaliseAxis(a, rank));
        std::vector<int64_t> shape;
        for (int64_t i = 0; i < rank; ++i) {
            const int64_t d = x.dims()[static_cast<std::size_t>(i)];
            const bool squeeze = axes.empty() ? d == 1 : axes.count(i) > 0;
            if (squeeze && d != 1)
                throw std::invalid_argument("cannot squeeze dim " + std::to_string(i) + " of size " + std::to_string(d));
            if (!squeeze)
                shape.push_back(d);
        }
        out[0] = x.reshaped(shape);
    });
}

std::unique_ptr<Kernel> makeUnsqueeze(const KernelBuildContext& c)
{
    const bool fromInput = c.opset >= 13;
    const std::vector<int64_t> attribute = c.node.intsAttr("axes");
    return lambda([=](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const HostTensor& x = *in[0];
        const std::vector<int64_t> raw = axesOf(in, attribute, fromInput);
        const auto rank = static_cast<int64_t>(x.rank() + raw.size());
        std::set<int64_t> axes;
        for (int64_t a : raw)
            if (!axes.insert(normaliseAxis(a, rank)).second)
                throw std::invalid_argument("repeated axis");
        std::vector<int64_t> shape;
        std::size_t next = 0;
        for (int64_t i = 0; i < rank; ++i)
            shape.push_back(axes.count(i) ? 1 : x.dims()[next++]);
        out[0] = x.reshaped(shape);
    });
}

std::unique_ptr<Kernel> makeIdentity(const KernelBuildContext&)
{
    return lambda([](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) { out[0] = *in[0]; });
}

std::unique_ptr<Kernel> makeDropout(const KernelBuildContext& c)
{
    // Inference: identity. A requested mask output is all ones (true).
    if (c.opset >= 12 && c.hasInput(2)) {
        const ConstantData* training = c.constantInput(2);
        if (!training || training->toDoubles() != std::vector<double>{0.0})
            c.unsupported("training_mode that is not a constant false");
    }
    return lambda([](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        out[0] = *in[0];
        if (out.size() > 1) {
            out[1] = HostTensor::allocate(DataType::Bool, in[0]->dims());
            std::fill_n(out[1].mutableData<uint8_t>(), out[1].elementCount(), uint8_t{1});
        }
    });
}

std::unique_ptr<Kernel> makeShape(const KernelBuildContext& c)
{
    const int64_t startAttr = c.node.intAttr("start", 0);
    const auto* endAttr = c.node.attribute("end");
    const int64_t endValue = endAttr ? endAttr->i : 0;
    const bool hasEnd = endAttr != nullptr;
    return lambda([=](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        const auto rank = static_cast<int64_t>(in[0]->rank());
        auto clampIndex = [rank](int64_t v) { return std::clamp(v < 0 ? v + rank : v, int64_t{0}, rank); };
        const int64_t start = clampIndex(startAttr);
        const int64_t end = hasEnd ? clampIndex(endValue) : rank;
        std::vector<int64_t> dims;
        for (int64_t i = start; i < end; ++i)
            dims.push_back(in[0]->dims()[static_cast<std::size_t>(i)]);
        out[0] = HostTensor::fromValues<int64_t>(DataType::Int64, {static_cast<int64_t>(dims.size())}, dims);
    });
}

std::unique_ptr<Kernel> makeSize(const KernelBuildContext&)
{
    return lambda([](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        out[0] = HostTensor::fromValues<int64_t>(DataType::Int64, {}, std::vector<int64_t>{in[0]->elementCount()});
    });
}

std::unique_ptr<Kernel> makeConstant(const KernelBuildContext& c)
{
    const Attribute* value = c.node.attribute("value");
    if (value && value->type == AttributeType::Tensor && value->tensor) {
        ConstantData data(value->tensor, nullptr, 0);
        if (!data.checkSize().empty() || data.type() == DataType::String)
            c.unsupported("constant value: " + (data.checkSize().empty() ? std::string("strings") : data.checkSize()));
        // Clone: the proto's bytes may not be aligned, and outputs must be plain tensors.
        HostTensor t = HostTensor::fromConstant(data, nullptr).clone();
        return lambda([t](std::span<const HostTensor* const>, std::vector<HostTensor>& out) { out[0] = t; });
    }
    HostTensor t;
    if (const Attribute* f = c.node.attribute("value_float"))
        t = HostTensor::fromValues<float>(DataType::Float, {}, std::vector<float>{f->f});
    else if (const Attribute* fs = c.node.attribute("value_floats"))
        t = HostTensor::fromValues<float>(DataType::Float, {static_cast<int64_t>(fs->floats.size())}, fs->floats);
    else if (const Attribute* i = c.node.attribute("value_int"))
        t = HostTensor::fromValues<int64_t>(DataType::Int64, {}, std::vector<int64_t>{i->i});
    else if (const Attribute* is = c.node.attribute("value_ints"))
        t = HostTensor::fromValues<int64_t>(DataType::Int64, {static_cast<int64_t>(is->ints.size())}, is->ints);
    else
        c.unsupported("Constant without a numeric value");
    return lambda([t](std::span<const HostTensor* const>, std::vector<HostTensor>& out) { out[0] = t; });
}

std::unique_ptr<Kernel> makeConstantOfShape(const KernelBuildContext& c)
{
    HostTensor fill = HostTensor::fromValues<float>(DataType::Float, {1}, std::vector<float>{0.0f});
    if (const Attribute* value = c.node.attribute("value"); value && value->tensor) {
        ConstantData data(value->tensor, nullptr, 0);
        if (!data.checkSize().empty() || data.elementCount() != 1 || dataTypeSize(data.type()) == 0)
            c.unsupported("ConstantOfShape value must be one number");
        fill = HostTensor::fromConstant(data, nullptr).clone();
    }
    return lambda([fill](std::span<const HostTensor* const> in, std::vector<HostTensor>& out) {
        HostTensor t = HostTensor::allocate(fill.type(), in[0]->toInt64s());
        const std::size_t size = dataTypeSize(fill.type());
        std::byte* p = t.mutableBytes();
        for (int64_t i = 0; i < t.elementCount(); ++i)
            std::memcpy(p + static_cast<std::size_t>(i) * size, fill.bytes(), size);
        out[0] = t;
    });
}

} // namespace

void registerShapeKernels(KernelRegistry& r)
{
    r.add("Reshape", makeReshape);
    r.add("Flatten", makeFlatten);
    r.add("Squeeze", makeSqueeze);
    r.add("Unsqueeze", makeUnsqueeze);
    r.add("Identity", makeIdentity);
    r.add("Dropout", makeDropout);
    r.add("Shape", makeShape);
    r.add("Size", makeSize);
    r.add("Constant", makeConstant);
    r.add("ConstantOfShape", makeConstantOfShape);
}

} // namespace foldwise
