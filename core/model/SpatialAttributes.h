#pragma once

#include "model/Graph.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace foldwise {

// A list attribute with one entry per spatial dimension (or two, for pads): the node's list, or
// `count` copies of `fallback` where it has none. ONNX's defaults for strides, dilations and pads
// depend on the kernel's rank, so every reader of convolution and pooling windows needs this.
std::vector<int64_t> spatialIntsAttr(const Node& node, std::string_view name, std::size_t count, int64_t fallback);

} // namespace foldwise
