#pragma once

#include "exec/Kernel.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise {

// Sliding-window attributes shared by Conv and the pooling ops, and the ONNX rules that turn
// them into output sizes and explicit pads (auto_pad, ceil_mode).
struct WindowAttributes {
    std::vector<int64_t> kernel;
    std::vector<int64_t> strides;
    std::vector<int64_t> dilations;
    std::vector<int64_t> pads; // begin..., end...
    std::string autoPad = "NOTSET";
    bool ceilMode = false;

    // Reads kernel_shape/strides/dilations/pads/auto_pad/ceil_mode; `kernel` may come from
    // the weight (Conv) when kernel_shape is absent. Throws UnsupportedNode on bad values.
    static WindowAttributes read(const KernelBuildContext& context, std::vector<int64_t> kernel);
};

struct WindowGeometry {
    std::vector<int64_t> output;   // spatial output sizes
    std::vector<int64_t> padBegin;
    std::vector<int64_t> padEnd;   // may exceed the attribute's pad with ceil_mode
};

// Spatial input sizes -> output sizes and explicit pads.
WindowGeometry computeWindowGeometry(const WindowAttributes& a, const std::vector<int64_t>& inputSpatial);

} // namespace foldwise
