// Resize (opset 10+) and Upsample: nearest and (bi)linear on any rank, float. Scales or sizes,
// the ONNX coordinate transformation modes and nearest rounding modes.
#include "exec/KernelRegistry.h"
#include "exec/kernels/KernelHelpers.h"

#include <cmath>

namespace foldwise {
namespace {

class ResizeKernel final : public Kernel {
public:
    explicit ResizeKernel(const KernelBuildContext& c) : opset_(c.opset), upsample_(c.node.opType == "Upsample")
    {
        c.requireInputTypes({0}, {DataType::Float});
        mode_ = c.node.stringAttr("mode", "nearest");
        if (mode_ != "nearest" && mode_ != "linear" && mode_ != "bilinear")
            c.unsupported("mode '" + mode_ + "'");
        transform_ = c.node.stringAttr("coordinate_transformation_mode", opset_ >= 11 && !upsample_ ? "half_pixel" : "asymmetric");
        if (transform_ != "half_pixel" && transform_ != "asymmetric" && transform_ != "align_corners"
            && transform_ != "pytorch_half_pixel")
            c.unsupported("coordinate_transformation_mode '" + transform_ + "'");
        nearest_ = c.node.stringAttr("nearest_mode", opset_ >= 11 && !upsample_ ? "round_prefer_floor" : "floor");
        if (c.node.intAttr("exclude_outside", 0) != 0 || c.node.attribute("axes") || c.node.attribute("antialias"))
            c.unsupported("exclude_outside, axes or antialias");
        if (c.node.stringAttr("keep_aspect_ratio_policy", "stretch") != "stretch")
            c.unsupported("keep_aspect_ratio_policy");
        scalesAttr_ = c.node.attribute("scales") ? c.node.attribute("scales")->floats : std::vector<float>{};
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        const std::size_t rank = x.rank();
        std::vector<double> scales(rank, 1.0);
        std::vector<int64_t> dims(rank);
        std::vector<double> resizedLength(rank); // in*scale unrounded: align_corners divides by it
        const HostTensor* scalesIn = nullptr;
        const HostTensor* sizesIn = nullptr;
        if (upsample_) {
            scalesIn = opset_ >= 9 ? in[1] : nullptr;
        } else if (opset_ == 10) {
            scalesIn = in[1];
        } else {
            scalesIn = in.size() > 2 && in[2] && in[2]->elementCount() ? in[2] : nullptr;
            sizesIn = in.size() > 3 && in[3] && in[3]->elementCount() ? in[3] : nullptr;
        }
        if (sizesIn) {
            const std::vector<int64_t> sizes = sizesIn->toInt64s();
            if (sizes.size() != rank)
                throw std::invalid_argument("sizes has the wrong length");
            for (std::size_t i = 0; i < rank; ++i) {
                dims[i] = sizes[i];
                scales[i] = static_cast<double>(sizes[i]) / static_cast<double>(x.dims()[i]);
                resizedLength[i] = static_cast<double>(sizes[i]);
            }
        } else {
            std::vector<double> s;
            if (scalesIn)
                s = scalesIn->toDoubles();
            else
                s.assign(scalesAttr_.begin(), scalesAttr_.end());
            if (s.size() != rank)
                throw std::invalid_argument("scales has the wrong length");
            for (std::size_t i = 0; i < rank; ++i) {
                scales[i] = s[i];
                resizedLength[i] = static_cast<double>(x.dims()[i]) * s[i];
                dims[i] = static_cast<int64_t>(std::floor(resizedLength[i]));
            }
        }
        HostTensor y = HostTensor::allocateUninitialised(DataType::Float, dims);
        if (y.elementCount() == 0) {
            out[0] = y;
            return;
        }
        // Per axis: source coordinate of every output index.
        std::vector<std::vector<double>> coords(rank);
        for (std::size_t a = 0; a < rank; ++a)
            for (int64_t o = 0; o < dims[a]; ++o)
                coords[a].push_back(sourceCoordinate(o, scales[a], x.dims()[a], dims[a], resizedLength[a]));
        const float* src = x.data<float>();
        float* dst = y.mutableData<float>();
        const std::vector<int64_t> inStrides = kernel_helpers::rowMajorStrides(x.dims());
        std::vector<int64_t> index(rank, 0);
        for (int64_t i = 0; i < y.elementCount(); ++i) {
            dst[i] = static_cast<float>(mode_ == "nearest" ? nearestValue(src, x, inStrides, coords, index)
                                                           : linearValue(src, x, inStrides, coords, index, 0, 0));
            kernel_helpers::advanceIndex(index, dims);
        }
        out[0] = y;
    }

private:
    double sourceCoordinate(int64_t o, double scale, int64_t inLen, int64_t outLen, double resizedLength) const
    {
        const auto od = static_cast<double>(o);
        if (transform_ == "asymmetric")
            return od / scale;
        if (transform_ == "align_corners")
            return resizedLength <= 1.0 ? 0.0 : od * static_cast<double>(inLen - 1) / (resizedLength - 1.0);
        if (transform_ == "pytorch_half_pixel")
            return outLen > 1 ? (od + 0.5) / scale - 0.5 : 0.0;
        return (od + 0.5) / scale - 0.5; // half_pixel
    }

    int64_t roundNearest(double v) const
    {
        if (nearest_ == "floor")
            return static_cast<int64_t>(std::floor(v));
        if (nearest_ == "ceil")
            return static_cast<int64_t>(std::ceil(v));
        const double f = std::floor(v);
        if (v - f == 0.5)
            return static_cast<int64_t>(nearest_ == "round_prefer_ceil" ? f + 1 : f);
        return static_cast<int64_t>(std::round(v));
    }

    double nearestValue(const float* src, const HostTensor& x, const std::vector<int64_t>& strides,
                        const std::vector<std::vector<double>>& coords, const std::vector<int64_t>& index) const
    {
        int64_t offset = 0;
        for (std::size_t a = 0; a < index.size(); ++a) {
            const int64_t j = std::clamp<int64_t>(roundNearest(coords[a][static_cast<std::size_t>(index[a])]), 0, x.dims()[a] - 1);
            offset += j * strides[a];
        }
        return src[offset];
    }

    // Multilinear interpolation, one axis at a time (recursion over axes).
    double linearValue(const float* src, const HostTensor& x, const std::vector<int64_t>& strides,
                       const std::vector<std::vector<double>>& coords, const std::vector<int64_t>& index, std::size_t axis,
                       int64_t offset) const
    {
        if (axis == index.size())
            return src[offset];
        const int64_t n = x.dims()[axis];
        const double c = std::clamp(coords[axis][static_cast<std::size_t>(index[axis])], 0.0, static_cast<double>(n - 1));
        const auto lo = static_cast<int64_t>(std::floor(c));
        const int64_t hi = std::min(lo + 1, n - 1);
        const double w = c - static_cast<double>(lo);
        const double a = linearValue(src, x, strides, coords, index, axis + 1, offset + lo * strides[axis]);
        if (w == 0.0)
            return a;
        const double b = linearValue(src, x, strides, coords, index, axis + 1, offset + hi * strides[axis]);
        return a * (1.0 - w) + b * w;
    }

    int64_t opset_;
    bool upsample_;
    std::string mode_, transform_, nearest_;
    std::vector<float> scalesAttr_;
};

} // namespace

void registerResizeKernels(KernelRegistry& r)
{
    r.add("Resize", factoryOf<ResizeKernel>());
    r.add("Upsample", factoryOf<ResizeKernel>());
}

} // namespace foldwise
