#include "exec/kernels/WindowGeometry.h"

#include "model/SpatialAttributes.h"

#include <stdexcept>

namespace foldwise {

WindowAttributes WindowAttributes::read(const KernelBuildContext& context, std::vector<int64_t> kernel)
{
    const Node& n = context.node;
    WindowAttributes a;
    a.kernel = n.intsAttr("kernel_shape");
    if (a.kernel.empty())
        a.kernel = std::move(kernel);
    if (a.kernel.empty())
        context.unsupported("kernel shape unknown");
    const std::size_t s = a.kernel.size();
    a.strides = spatialIntsAttr(n, "strides", s, 1);
    a.dilations = spatialIntsAttr(n, "dilations", s, 1);
    a.pads = spatialIntsAttr(n, "pads", 2 * s, 0);
    a.autoPad = n.stringAttr("auto_pad", "NOTSET");
    a.ceilMode = n.intAttr("ceil_mode", 0) != 0;
    if (a.strides.size() != s || a.dilations.size() != s || a.pads.size() != 2 * s)
        context.unsupported("window attributes disagree on the number of spatial dims");
    for (std::size_t i = 0; i < s; ++i)
        if (a.kernel[i] <= 0 || a.strides[i] <= 0 || a.dilations[i] <= 0 || a.pads[i] < 0 || a.pads[s + i] < 0)
            context.unsupported("non-positive kernel, stride or dilation, or negative pad");
    if (a.autoPad != "NOTSET" && a.autoPad != "SAME_UPPER" && a.autoPad != "SAME_LOWER" && a.autoPad != "VALID")
        context.unsupported("auto_pad '" + a.autoPad + "'");
    return a;
}

WindowGeometry computeWindowGeometry(const WindowAttributes& a, const std::vector<int64_t>& in)
{
    const std::size_t s = a.kernel.size();
    if (in.size() != s)
        throw std::invalid_argument("input has " + std::to_string(in.size()) + " spatial dims, the kernel "
                                    + std::to_string(s));
    WindowGeometry g;
    g.output.resize(s);
    g.padBegin.resize(s);
    g.padEnd.resize(s);
    for (std::size_t i = 0; i < s; ++i) {
        const int64_t extent = a.dilations[i] * (a.kernel[i] - 1) + 1;
        if (a.autoPad == "SAME_UPPER" || a.autoPad == "SAME_LOWER") {
            const int64_t out = (in[i] + a.strides[i] - 1) / a.strides[i];
            const int64_t total = std::max<int64_t>(0, (out - 1) * a.strides[i] + extent - in[i]);
            const int64_t small = total / 2;
            g.padBegin[i] = a.autoPad == "SAME_UPPER" ? small : total - small;
            g.padEnd[i] = total - g.padBegin[i];
            g.output[i] = out;
            continue;
        }
        const int64_t pb = a.autoPad == "VALID" ? 0 : a.pads[i];
        const int64_t pe = a.autoPad == "VALID" ? 0 : a.pads[s + i];
        const int64_t span = in[i] + pb + pe - extent;
        if (span < 0)
            throw std::invalid_argument("the window is larger than the padded input");
        int64_t out = span / a.strides[i] + 1;
        if (a.ceilMode) {
            out = (span + a.strides[i] - 1) / a.strides[i] + 1;
            // The last window must start inside the input or its left padding (ONNX/PyTorch rule).
            if ((out - 1) * a.strides[i] >= in[i] + pb)
                --out;
        }
        g.output[i] = out;
        g.padBegin[i] = pb;
        // Pads the windows actually reach on the right (ceil_mode may reach past the given pad).
        g.padEnd[i] = std::max<int64_t>(pe, (out - 1) * a.strides[i] + extent - in[i] - pb);
    }
    return g;
}

} // namespace foldwise
