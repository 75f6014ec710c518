// QONNX and FINN-ONNX ops (domain reference section 7): the quantizers Quant/IntQuant,
// BipolarQuant, Trunc and MultiThreshold with qonnx's semantics (qonnx/QuantizerMath), and the
// channels-last Conv/MaxPool, which run the standard kernels on the same bytes read as NCHW.
#include "exec/KernelRegistry.h"
#include "model/qonnx/QuantizerParams.h"

#include <cstring>

namespace foldwise {
namespace {

using qonnx::FloatArray;

FloatArray floats(const HostTensor& t)
{
    return {std::span<const float>(t.data<float>(), static_cast<std::size_t>(t.elementCount())), t.dims()};
}

HostTensor floatTensor(const std::vector<int64_t>& dims, const std::vector<float>& values)
{
    return HostTensor::fromValues(DataType::Float, dims, values);
}

qonnx::QuantizerParams checkedParams(const KernelBuildContext& c)
{
    qonnx::QuantizerParams p =
        qonnx::readQuantizerParams(c.graph(), c.node, [&c](TensorId t) { return c.graph().constantData(t); });
    if (!p.problem.empty())
        c.unsupported(p.problem);
    for (std::size_t i = 0; i < c.node.inputs.size(); ++i)
        if (!c.hasInput(i))
            c.unsupported("input " + std::to_string(i) + " is missing");
    c.requireInputTypes({0}, {DataType::Float});
    return p;
}

// A scale, zero point or threshold operand: exporters store them as float, double or int64
// (QKeras); constant ones are converted to float once, others must be float at run time.
class ParameterOperand {
public:
    ParameterOperand() = default;
    ParameterOperand(const KernelBuildContext& c, std::size_t index) : index_(index)
    {
        if (const ConstantData* k = c.constantInput(index)) {
            constant_ = true;
            dims_ = k->dims();
            auto values = k->toFloats();
            if (!values)
                c.unsupported("input " + std::to_string(index) + " is not numeric");
            values_ = std::move(*values);
        } else {
            c.requireInputTypes({index}, {DataType::Float});
        }
    }

    FloatArray array(std::span<const HostTensor* const> in) const
    {
        return constant_ ? FloatArray{values_, dims_} : floats(*in[index_]);
    }

private:
    std::size_t index_ = 0;
    bool constant_ = false;
    std::vector<float> values_;
    std::vector<int64_t> dims_;
};

class QuantKernel final : public Kernel {
public:
    explicit QuantKernel(const KernelBuildContext& c) : params_(checkedParams(c)), scale_(c, 1), zeroPoint_(c, 2) {}

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const FloatArray x = floats(*in[0]), s = scale_.array(in), z = zeroPoint_.array(in);
        if (s.values.size() == 1 && z.values.size() == 1 && s.dims.size() <= x.dims.size() && z.dims.size() <= x.dims.size()) {
            // Per-tensor parameters: straight into the output, no broadcasting.
            out[0] = HostTensor::allocateUninitialised(DataType::Float, in[0]->dims());
            qonnx::quantizeWithScalars(x.values, s.values[0], z.values[0], params_.quant,
                                       std::span<float>(out[0].mutableData<float>(), x.values.size()));
            return;
        }
        std::vector<int64_t> dims;
        const std::vector<float> y = qonnx::quantize(x, s, z, params_.quant, dims);
        out[0] = floatTensor(dims, y);
    }

private:
    qonnx::QuantizerParams params_;
    ParameterOperand scale_, zeroPoint_;
};

class BipolarQuantKernel final : public Kernel {
public:
    explicit BipolarQuantKernel(const KernelBuildContext& c) : scale_((checkedParams(c), ParameterOperand(c, 1))) {}

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        std::vector<int64_t> dims;
        const std::vector<float> y = qonnx::bipolarQuantize(floats(*in[0]), scale_.array(in), dims);
        out[0] = floatTensor(dims, y);
    }

private:
    ParameterOperand scale_;
};

class TruncKernel final : public Kernel {
public:
    explicit TruncKernel(const KernelBuildContext& c) : params_(checkedParams(c)), scale_(c, 1), zeroPoint_(c, 2)
    {
        if (params_.truncOutScaleInput)
            outScale_ = ParameterOperand(c, params_.truncOutScaleInput);
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        std::vector<int64_t> dims;
        FloatArray outScale;
        if (params_.truncOutScaleInput)
            outScale = outScale_.array(in);
        const std::vector<float> y = qonnx::truncate(floats(*in[0]), scale_.array(in), zeroPoint_.array(in),
                                                     params_.truncOutScaleInput ? &outScale : nullptr, params_.trunc, dims);
        out[0] = floatTensor(dims, y);
    }

private:
    qonnx::QuantizerParams params_;
    ParameterOperand scale_, zeroPoint_, outScale_;
};

class MultiThresholdKernel final : public Kernel {
public:
    explicit MultiThresholdKernel(const KernelBuildContext& c) : params_(checkedParams(c)), thresholds_(c, 1)
    {
        // Thresholds against channels, up front when both are known.
        const Tensor& x = c.graph().tensor(c.node.inputs[0]);
        const Tensor& t = c.graph().tensor(c.node.inputs[1]);
        if (t.hasShape && t.shape.rank() != 2)
            c.unsupported("thresholds '" + t.name + "' have shape " + t.shape.toString() + "; they must be [channels or 1, steps]");
        if (x.hasShape && t.hasShape && x.shape.rank() > 0 && t.shape.isStatic()) {
            const auto axis = qonnx::thresholdChannelAxis(x.shape.rank(), params_.threshold.channelsLast);
            const Dim& channels = x.shape[axis];
            const int64_t rows = t.shape[0].value;
            if (channels.isKnown() && rows != 1 && rows != channels.value)
                c.unsupported("thresholds '" + t.name + "' have " + std::to_string(rows) + " rows but the input has "
                              + std::to_string(channels.value) + " channels");
        }
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        out[0] = floatTensor(in[0]->dims(), qonnx::multiThreshold(floats(*in[0]), thresholds_.array(in), params_.threshold));
    }

private:
    qonnx::QuantizerParams params_;
    ParameterOperand thresholds_;
};

// qonnx.custom_op.channels_last Conv/MaxPool: NHWC data (and OHWI weights). A row-major NHWC
// tensor is the channels-last tensor of logical dims NCHW, so the standard kernel runs on the
// same bytes; its output read back as NHWC.
class ChannelsLastKernel final : public Kernel {
public:
    ChannelsLastKernel(const KernelBuildContext& c, const std::string& standardOp) : conv_(standardOp == "Conv")
    {
        const std::size_t minInputs = conv_ ? 2 : 1, maxInputs = conv_ ? 3 : 1;
        if (c.node.inputs.size() < minInputs || c.node.inputs.size() > maxInputs)
            c.unsupported("takes " + std::to_string(minInputs) + " to " + std::to_string(maxInputs) + " inputs, not "
                          + std::to_string(c.node.inputs.size()));
        if (c.node.intsAttr("kernel_shape").size() != 2)
            c.unsupported("channels-last ops need a 2-D kernel_shape (rank-4 NHWC tensors)");
        if (c.node.outputs.size() != 1)
            c.unsupported("channels-last ops have one output");
        inner_ = KernelRegistry::instance().createStandard(standardOp, c);
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        std::vector<HostTensor> converted;
        std::vector<const HostTensor*> args;
        converted.reserve(in.size());
        for (std::size_t i = 0; i < in.size(); ++i) {
            const HostTensor& t = *in[i];
            if (i < (conv_ ? 2u : 1u)) {
                if (t.rank() != 4)
                    throw std::invalid_argument("input " + std::to_string(i) + " " + t.describe() + " is not rank 4 (NHWC)");
                const auto& d = t.dims();
                HostTensor nchw = t.reinterpreted({d[0], d[3], d[1], d[2]}, MemoryLayout::ChannelsLast);
                // Weights go to the kernel as OIHW; data stays channels-last, which oneDNN takes as is.
                converted.push_back(i == 1 ? weightsFor(nchw) : nchw);
            } else {
                converted.push_back(t);
            }
        }
        for (const HostTensor& t : converted)
            args.push_back(&t);
        std::vector<HostTensor> result(1);
        inner_->run(args, result);
        const HostTensor nhwc = result[0].asChannelsLast();
        const auto& d = nhwc.dims();
        out[0] = nhwc.reinterpreted({d[0], d[2], d[3], d[1]}, MemoryLayout::RowMajor);
    }

    bool acceptsChannelsLast(std::size_t) const override { return false; }

private:
    HostTensor weightsFor(const HostTensor& ohwiAsChannelsLast)
    {
        // Constant weights are reordered once.
        if (weightSource_ != ohwiAsChannelsLast.bytes() || weights_.empty()) {
            weights_ = ohwiAsChannelsLast.asRowMajor();
            weightSource_ = ohwiAsChannelsLast.bytes();
        }
        return weights_;
    }

    bool conv_;
    std::unique_ptr<Kernel> inner_;
    HostTensor weights_;
    const std::byte* weightSource_ = nullptr;
};

} // namespace

void registerQonnxKernels(KernelRegistry& r)
{
    using qonnx::Op;
    r.add(Op::Quant, factoryOf<QuantKernel>());
    r.add(Op::BipolarQuant, factoryOf<BipolarQuantKernel>());
    r.add(Op::Trunc, factoryOf<TruncKernel>());
    r.add(Op::MultiThreshold, factoryOf<MultiThresholdKernel>());
    r.add(Op::ChannelsLastConv, [](const KernelBuildContext& c) { return std::make_unique<ChannelsLastKernel>(c, "Conv"); });
    r.add(Op::ChannelsLastMaxPool,
          [](const KernelBuildContext& c) { return std::make_unique<ChannelsLastKernel>(c, "MaxPool"); });
}

} // namespace foldwise
