#pragma once

namespace onnx {
class ModelProto;
}

namespace foldwise::qonnx {

// Whether the model holds QONNX or FINN nodes (quantizers, channels-last ops, FINN layers)
// or imports none of the custom domains its nodes use.
bool needsCompatibleCopy(const onnx::ModelProto& model);

// Rewrites the QONNX nodes of a model copy into standard ops with the same output shapes, as
// qonnx's make_shape_compatible_op does, so ONNX shape inference and the checker run through
// them: quantizers become Identity, channels-last Conv/MaxPool become Transpose -> op ->
// Transpose. Adds an opset import for every custom domain a node uses without one (exports
// often omit them). Tensor names are kept; helper tensors are named "__foldwise_cl_*".
void makeShapeCompatible(onnx::ModelProto& model);

} // namespace foldwise::qonnx
