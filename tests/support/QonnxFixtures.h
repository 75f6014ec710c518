#pragma once

// QONNX models as Brevitas exports them, built with the protobuf types so tests (and
// benchmarks) have quantised networks of real size without committing their weights.

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>

namespace fixtures {

// FINN's BNN-PYNQ CNV as Brevitas exports it to QONNX: x*2-1, an 8-bit signed input Quant
// (scale 2^-7), 3x3 unpadded convs 64, 64 | maxpool 2 | 128, 128 | maxpool 2 | 256, 256, then
// fully connected 256 -> 512 -> 512 -> 10 (MatMul of a Transpose of the quantised weight), each
// hidden layer followed by BatchNormalization and a signed activation Quant (BipolarQuant for
// 1 bit); weights signed narrow (BipolarQuant for 1 bit), random from `seed`; a final scale Mul.
// Input "input" 1x3x32x32, output "logits" 1x10; nodes named as Brevitas/PyTorch name them
// (Quant_0, Conv_1, ...), in domain qonnx.custom_op.general; opset 11. Bits 0 leave the
// quantizers out (the float network with the same weights).
onnx::ModelProto makeQonnxCnv(int weightBits, int actBits, uint32_t seed = 1);

// A QONNX Quant (domain qonnx.custom_op.general) of `x` with scalar scale, zero point and bit
// width initializers named <name>_scale, <name>_zeropt, <name>_bits; rounding ROUND.
onnx::NodeProto* addQuant(onnx::ModelProto& m, const std::string& name, const std::string& x, const std::string& out,
                          float scale, float zeroPoint, int bits, bool isSigned, bool narrow);

} // namespace fixtures
