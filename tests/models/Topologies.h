#pragma once
// The three reference topologies, each a pure function of its seed.
#include <onnx/onnx_pb.h>

#include <cstdint>

namespace models {

// torchvision resnet18, BatchNorm folded into its 20 convolutions; input [1,3,224,224].
onnx::ModelProto resnet18(std::uint64_t seed);
// torchvision mobilenet_v2 (width 1.0), BatchNorm folded, ReLU6 as Clip(0, 6); input [1,3,224,224].
onnx::ModelProto mobilenetV2(std::uint64_t seed);
// FINN's CNV topology in floating point with its BatchNormalization nodes kept; input [1,3,32,32].
onnx::ModelProto cnv(std::uint64_t seed);

} // namespace models
