#pragma once

#include <cstdint>

namespace onnx {
class ModelProto;
} // namespace onnx

namespace foldwise {

// ONNX's checker and onnxruntime reject attributes a standard op does not define, yet fpgaConvNet
// reads `channel_sparsity_hist` as an attribute of each Conv node. An annotated Conv therefore
// becomes a call of a model-local function named `Conv` in this domain, whose body is the
// standard Conv with every attribute forwarded by reference and which declares the annotation as
// one more attribute. onnxruntime inlines the call and runs a plain Conv; fpgaConvNet's parser
// (which dispatches on op_type) and Foldwise's loader (model/LocalFunctions.h) see a Conv that
// carries the attribute.
inline constexpr const char* kAnnotatedConvDomain = "foldwise.annotated";

// Turns graph node `nodeIndex` (an ai.onnx Conv, or a call already made by this function) into a
// call of the wrapper, adding the function, the domain's opset import and IR version 8 (the first
// with local functions) to `model` if they are missing. `defaultOpset` is the model's ai.onnx
// opset, which the function body imports.
void makeAnnotatableConv(onnx::ModelProto& model, int nodeIndex, int64_t defaultOpset);

} // namespace foldwise
