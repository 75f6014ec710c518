// Conv and ConvTranspose through oneDNN. Primitives are created per input shape and kept;
// weights are reordered once into the layout the chosen implementation wants.
#include "exec/KernelRegistry.h"
#include "exec/SharedWeights.h"
#include "exec/kernels/KernelHelpers.h"
#include "exec/kernels/WindowGeometry.h"
#include "model/DnnlSupport.h"
#include "model/Shape.h"

namespace foldwise {
namespace {

using tag = dnnl::memory::format_tag;
namespace ds = dnnl_support;

dnnl::memory::dims toDims(const std::vector<int64_t>& v)
{
    return dnnl::memory::dims(v.begin(), v.end());
}

// Reorders `from` into a new memory of `desc` unless it already has that layout.
dnnl::memory reorderedTo(const dnnl::memory& from, const dnnl::memory::desc& desc, std::shared_ptr<std::byte>& holder)
{
    if (from.get_desc() == desc)
        return from;
    dnnl::memory to = ds::pooledMemory(desc, holder);
    ds::reorder(from, to);
    return to;
}

// ConvTranspose weights (C, M/g, k...) read as oneDNN's (g, M/g, C/g, k...) for groups > 1
// or (M, C, k...) otherwise: the channel axes are swapped by strides, no copy.
dnnl::memory::desc transposedWeightDesc(const std::vector<int64_t>& w, int64_t groups)
{
    const auto spatialDims = std::vector<int64_t>(w.begin() + 2, w.end());
    const std::vector<int64_t> spatialStrides = kernel_helpers::rowMajorStrides(spatialDims);
    const int64_t spatial = checkedProduct(spatialDims).value_or(0);
    const int64_t cPerGroup = w[0] / groups, m = w[1];
    dnnl::memory::dims dims, strides;
    if (groups > 1) {
        dims = {groups, m, cPerGroup};
        strides = {cPerGroup * m * spatial, spatial, m * spatial};
    } else {
        dims = {m, w[0]};
        strides = {spatial, m * spatial};
    }
    dims.insert(dims.end(), spatialDims.begin(), spatialDims.end());
    strides.insert(strides.end(), spatialStrides.begin(), spatialStrides.end());
    return dnnl::memory::desc(dims, dnnl::memory::data_type::f32, strides);
}

// Weights (M, C/g, k...) viewed as oneDNN's grouped (g, M/g, C/g, k...) when g > 1.
dnnl::memory::desc weightDesc(const std::vector<int64_t>& w, int64_t groups, bool transposed)
{
    if (transposed)
        return transposedWeightDesc(w, groups);
    std::vector<int64_t> d = w;
    if (groups > 1) {
        d.insert(d.begin(), groups);
        d[1] = w[0] / groups;
    }
    return ds::plainDesc(d, DataType::Float);
}

class ConvKernel final : public Kernel {
public:
    ConvKernel(const KernelBuildContext& c, bool transposed) : transposed_(transposed)
    {
        c.requireInputTypes({0, 1, 2}, {DataType::Float});
        groups_ = c.node.intAttr("group", 1);
        if (groups_ < 1)
            c.unsupported("group < 1");
        std::vector<int64_t> kernel;
        if (c.hasInput(1)) {
            const Tensor& w = c.graph().tensor(c.node.inputs[1]);
            if (w.hasShape && w.shape.isStatic() && w.shape.rank() > 2) {
                const auto v = w.shape.values();
                kernel.assign(v.begin() + 2, v.end());
            }
        }
        window_ = WindowAttributes::read(c, kernel);
        if (window_.kernel.size() > 3)
            c.unsupported("more than 3 spatial dims");
        outputPadding_ = c.node.intsAttr("output_padding");
        outputShape_ = c.node.intsAttr("output_shape");
        constantWeights_ = c.constantInput(1) != nullptr;
        fusedRelu_ = c.fusedRelu;
        winograd_ = c.winograd;
        sharedWeights_ = c.sharedWeights;
    }

    // Any input layout works (the source is reordered to what the primitive wants); 2-D
    // convolutions produce channels-last, the layout of oneDNN's fastest implementations.
    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        const HostTensor& w = *in[1];
        const HostTensor* b = in.size() > 2 ? in[2] : nullptr;
        if (x.rank() != w.rank() || x.rank() < 3)
            throw std::invalid_argument("input " + x.describe() + " and weight " + w.describe() + " do not match");
        if (x.dims() != cachedInput_ || !primitive_)
            prepare(x, w, b != nullptr);
        if (b && (b->rank() != 1 || b->elementCount() != outputDims_[1]))
            throw std::invalid_argument("bias " + b->describe() + " does not match " + std::to_string(outputDims_[1])
                                        + " output channels");
        if (x.elementCount() == 0 || checkedProduct(outputDims_).value_or(0) == 0) {
            out[0] = HostTensor::allocate(DataType::Float, outputDims_);
            return;
        }
        out[0] = HostTensor::allocateUninitialised(DataType::Float, outputDims_, outputLayout_);

        dnnl::memory src = ds::wrap(x, ds::layoutDesc(x));
        HostTensor computed = placement_ ? HostTensor::allocateUninitialised(DataType::Float, primitiveDims_) : out[0];
        dnnl::memory dst = ds::wrap(computed, ds::layoutDesc(computed));
        // Constant weights are reordered once; weights fed at run time every time.
        if (!weights_ || !constantWeights_ || weightSource_ != w.bytes()) {
            const auto reorder = [&](std::shared_ptr<std::byte>& holder) {
                return reorderedTo(ds::wrap(w, weightDesc(w.dims(), groups_, transposed_)), weightsDesc_, holder);
            };
            if (constantWeights_ && sharedWeights_) {
                weights_ = sharedWeights_->get(w.bytes(), weightsDesc_, reorder);
                weightBuffer_.reset();
            } else {
                weights_ = reorder(weightBuffer_);
            }
            weightSource_ = w.bytes();
        }
        std::unordered_map<int, dnnl::memory> args;
        std::shared_ptr<std::byte> srcBuffer, dstBuffer;
        dnnl::memory srcUsed = reorderedTo(src, srcDesc_, srcBuffer);
        dnnl::memory dstUsed = dstDesc_ == dst.get_desc() ? dst : ds::pooledMemory(dstDesc_, dstBuffer);
        args[DNNL_ARG_SRC] = srcUsed;
        args[DNNL_ARG_WEIGHTS] = weights_;
        args[DNNL_ARG_DST] = dstUsed;
        if (b)
            args[DNNL_ARG_BIAS] = ds::wrap(*b, ds::plainDesc(b->dims(), DataType::Float));
        ds::execute(*primitive_, args);
        if (dstUsed != dst)
            ds::reorder(dstUsed, dst);
        if (placement_)
            place(computed, b, out[0]);
    }

private:
    // Copies the computed block into the output at shift_, the rest of each channel = bias.
    void place(const HostTensor& computed, const HostTensor* bias, HostTensor& output) const
    {
        const std::vector<int64_t>& od = output.dims();
        const std::vector<int64_t>& cd = computed.dims();
        const std::size_t spatial = od.size() - 2;
        int64_t plane = 1, computedPlane = 1;
        for (std::size_t i = 2; i < od.size(); ++i) {
            plane *= od[i];
            computedPlane *= cd[i];
        }
        float* dst = output.mutableData<float>();
        const float* src = computed.data<float>();
        for (int64_t n = 0; n < od[0]; ++n)
            for (int64_t c = 0; c < od[1]; ++c) {
                float* p = dst + (n * od[1] + c) * plane;
                std::fill(p, p + plane, bias ? bias->data<float>()[c] : 0.0f);
                const float* q = src + (n * cd[1] + c) * computedPlane;
                for (int64_t k = 0; k < computedPlane; ++k) {
                    int64_t rest = k, offset = 0, stride = 1;
                    for (int i = static_cast<int>(spatial) - 1; i >= 0; --i) {
                        const auto u = static_cast<std::size_t>(i);
                        const int64_t coord = rest % cd[2 + u] + shift_[u];
                        rest /= cd[2 + u];
                        offset += coord * stride;
                        stride *= od[2 + u];
                    }
                    p[offset] = q[k];
                }
            }
    }

    void prepare(const HostTensor& x, const HostTensor& w, bool hasBias)
    {
        const std::size_t spatial = x.rank() - 2;
        const std::vector<int64_t> inSpatial(x.dims().begin() + 2, x.dims().end());
        std::vector<int64_t> padBegin, padEnd, outSpatial(spatial);
        int64_t outChannels = 0;
        if (!transposed_) {
            if (x.dims()[1] != w.dims()[1] * groups_)
                throw std::invalid_argument("input has " + std::to_string(x.dims()[1]) + " channels, the weight expects "
                                            + std::to_string(w.dims()[1] * groups_));
            const WindowGeometry g = computeWindowGeometry(window_, inSpatial);
            outSpatial = g.output;
            padBegin = g.padBegin;
            padEnd = g.padEnd;
            outChannels = w.dims()[0];
        } else {
            if (window_.kernel.size() != spatial || (!outputPadding_.empty() && outputPadding_.size() != spatial)
                || (!outputShape_.empty() && outputShape_.size() < spatial))
                throw std::invalid_argument("kernel_shape, output_padding or output_shape do not match the input's "
                                            + std::to_string(spatial) + " spatial dims");
            if (x.dims()[1] != w.dims()[0])
                throw std::invalid_argument("input has " + std::to_string(x.dims()[1]) + " channels, the weight expects "
                                            + std::to_string(w.dims()[0]));
            outChannels = w.dims()[1] * groups_;
            padBegin.resize(spatial);
            padEnd.resize(spatial);
            for (std::size_t i = 0; i < spatial; ++i) {
                const int64_t s = window_.strides[i];
                const int64_t extent = window_.dilations[i] * (window_.kernel[i] - 1) + 1;
                const int64_t op = outputPadding_.empty() ? 0 : outputPadding_[i];
                const int64_t full = s * (inSpatial[i] - 1) + op + extent;
                if (!outputShape_.empty() || window_.autoPad == "SAME_UPPER" || window_.autoPad == "SAME_LOWER") {
                    const int64_t target = !outputShape_.empty()
                        ? outputShape_[outputShape_.size() - spatial + i]
                        : inSpatial[i] * s;
                    const int64_t total = full - target;
                    const bool upper = window_.autoPad == "SAME_UPPER";
                    // ONNX's rule uses floor division (total may be negative).
                    const int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
                    padBegin[i] = upper ? half : total - half;
                    padEnd[i] = total - padBegin[i];
                    outSpatial[i] = target;
                } else {
                    padBegin[i] = window_.autoPad == "VALID" ? 0 : window_.pads[i];
                    padEnd[i] = window_.autoPad == "VALID" ? 0 : window_.pads[spatial + i];
                    outSpatial[i] = full - padBegin[i] - padEnd[i];
                }
            }
        }
        outputDims_ = {x.dims()[0], outChannels};
        outputDims_.insert(outputDims_.end(), outSpatial.begin(), outSpatial.end());
        // oneDNN wants non-negative pads; output_padding and some output_shape values mean
        // negative ones (output positions no input reaches). Then oneDNN computes the reachable
        // part and run() places it, filling the rest with the bias.
        primitiveDims_ = outputDims_;
        shift_.assign(spatial, 0);
        if (transposed_) {
            for (std::size_t i = 0; i < spatial; ++i) {
                const int64_t natural = window_.strides[i] * (inSpatial[i] - 1)
                    + window_.dilations[i] * (window_.kernel[i] - 1) + 1;
                const int64_t begin = std::max<int64_t>(padBegin[i], 0);
                const int64_t end = std::max<int64_t>(natural - (padBegin[i] + outSpatial[i]), 0);
                shift_[i] = begin - padBegin[i];
                padBegin[i] = begin;
                padEnd[i] = end;
                primitiveDims_[2 + i] = natural - begin - end;
            }
        }
        placement_ = primitiveDims_ != outputDims_ || std::any_of(shift_.begin(), shift_.end(), [](int64_t s) { return s != 0; });
        cachedInput_ = x.dims();
        if (x.elementCount() == 0)
            return;

        dnnl::memory::dims stridesD, dilD;
        for (std::size_t i = 0; i < spatial; ++i) {
            stridesD.push_back(window_.strides[i]);
            dilD.push_back(window_.dilations[i] - 1); // oneDNN counts dilation from 0
        }
        const auto any = dnnl::memory::format_tag::any;
        const auto f32 = dnnl::memory::data_type::f32;
        // 2-D convolutions run channels-last end to end (no per-layer reorders); others let
        // oneDNN pick and reorder around the primitive.
        outputLayout_ = !transposed_ && x.rank() == 4 ? MemoryLayout::ChannelsLast : MemoryLayout::RowMajor;
        const auto nhwc = dnnl::memory::format_tag::nhwc;
        const bool channelsLast = outputLayout_ == MemoryLayout::ChannelsLast;
        const dnnl::memory::desc srcAny(toDims(x.dims()), f32, channelsLast ? nhwc : any);
        const dnnl::memory::desc dstAny(toDims(primitiveDims_), f32, channelsLast ? nhwc : any);
        const dnnl::memory::desc wAny(weightDesc(w.dims(), groups_, transposed_).dims(), f32, any);
        const dnnl::memory::desc biasDesc = hasBias ? dnnl::memory::desc({outChannels}, f32, tag::a) : dnnl::memory::desc();
        const auto kind = dnnl::prop_kind::forward_inference;
        if (!transposed_) {
            dnnl::convolution_forward::desc d(kind, dnnl::algorithm::convolution_direct, srcAny, wAny, biasDesc, dstAny,
                                              stridesD, dilD, toDims(padBegin), toDims(padEnd));
            dnnl::primitive_attr attr = ds::attributes();
            if (fusedRelu_) {
                dnnl::post_ops ops;
                ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
                attr.set_post_ops(ops);
            }
            dnnl::convolution_forward::primitive_desc pd(d, attr, ds::engine());
            // Winograd where oneDNN has it (3x3, stride 1, ungrouped): about half the
            // arithmetic of direct convolution. The rule is fixed, never timed, so every run
            // (and every shard of a profile) computes the same numbers.
            if (winograd_ && window_.kernel == std::vector<int64_t>{3, 3} && window_.strides == std::vector<int64_t>{1, 1}
                && window_.dilations == std::vector<int64_t>{1, 1} && groups_ == 1) {
                try {
                    const dnnl::memory::desc sa(toDims(x.dims()), f32, any), da(toDims(primitiveDims_), f32, any);
                    dnnl::convolution_forward::desc wd(kind, dnnl::algorithm::convolution_winograd, sa, wAny, biasDesc, da,
                                                       stridesD, dilD, toDims(padBegin), toDims(padEnd));
                    pd = dnnl::convolution_forward::primitive_desc(wd, attr, ds::engine());
                } catch (const dnnl::error&) {
                    // no Winograd implementation for this shape or CPU: direct stays
                }
            }
            srcDesc_ = pd.src_desc();
            dstDesc_ = pd.dst_desc();
            weightsDesc_ = pd.weights_desc();
            primitive_ = std::make_unique<dnnl::primitive>(dnnl::convolution_forward(pd));
        } else {
            dnnl::deconvolution_forward::desc d(kind, dnnl::algorithm::deconvolution_direct, srcAny, wAny, biasDesc,
                                                dstAny, stridesD, dilD, toDims(padBegin), toDims(padEnd));
            dnnl::deconvolution_forward::primitive_desc pd(d, ds::attributes(), ds::engine());
            srcDesc_ = pd.src_desc();
            dstDesc_ = pd.dst_desc();
            weightsDesc_ = pd.weights_desc();
            primitive_ = std::make_unique<dnnl::primitive>(dnnl::deconvolution_forward(pd));
        }
        weights_ = dnnl::memory();
        weightSource_ = nullptr;
    }

    bool transposed_;
    int64_t groups_ = 1;
    WindowAttributes window_;
    std::vector<int64_t> outputPadding_;
    std::vector<int64_t> outputShape_;
    bool constantWeights_ = false;

    std::vector<int64_t> cachedInput_;
    std::vector<int64_t> outputDims_;
    std::vector<int64_t> primitiveDims_; // what oneDNN computes (differs with negative pads)
    std::vector<int64_t> shift_;
    bool placement_ = false;
    bool fusedRelu_ = false;
    bool winograd_ = false;
    MemoryLayout outputLayout_ = MemoryLayout::RowMajor;
    std::unique_ptr<dnnl::primitive> primitive_;
    dnnl::memory::desc srcDesc_, dstDesc_, weightsDesc_;
    dnnl::memory weights_;
    std::shared_ptr<std::byte> weightBuffer_;
    const std::byte* weightSource_ = nullptr;
    SharedWeights* sharedWeights_ = nullptr;
};

} // namespace

void registerConvolutionKernels(KernelRegistry& registry)
{
    registry.add("Conv", [](const KernelBuildContext& c) { return std::make_unique<ConvKernel>(c, false); });
    registry.add("ConvTranspose", [](const KernelBuildContext& c) { return std::make_unique<ConvKernel>(c, true); });
}

} // namespace foldwise
