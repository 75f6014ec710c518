#pragma once

// Evaluation of ONNX ops on constant operands, for constant folding (as onnx-simplifier does):
// the shape arithmetic exporters emit (PyTorch's Shape -> Gather -> Div -> Concat -> Reshape,
// ShuffleNet's channel split), constant reshapes and transposes of weights, ConstantOfShape and
// Range. One evaluator serves the shape-inference rounds on a light proto copy and the folding
// of the loaded graph.

#include "model/DataType.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace onnx {
class TensorProto;
}

namespace foldwise {

class ConstantData;

// A constant while folding. Integer and bool elements live in `ints` (int64 needs its own
// storage: Slice ends are INT64_MAX), floating-point ones in `reals` (a double holds every
// float exactly).
struct FoldValue {
    DataType type = DataType::Undefined;
    std::vector<int64_t> dims;
    std::vector<int64_t> ints;
    std::vector<double> reals;

    bool integral() const { return !isFloatingPoint(type); }
    std::size_t size() const { return integral() ? ints.size() : reals.size(); }
    double real(std::size_t i) const { return integral() ? static_cast<double>(ints[i]) : reals[i]; }
};

// The value of a constant; nullopt for element types folding leaves alone (strings, float16,
// complex) or for more than maxElements elements.
std::optional<FoldValue> foldValueOf(const ConstantData& c, int64_t maxElements);
std::optional<FoldValue> foldValueOf(const onnx::TensorProto& t, int64_t maxElements);

// The value as a constant Foldwise owns, and as a TensorProto (raw little-endian data).
ConstantData constantDataOf(const FoldValue& v);
void writeTensorProto(const FoldValue& v, onnx::TensorProto& t);

// What the evaluator reads of a node's attributes: implemented for onnx::NodeProto and Node.
class FoldAttributes {
public:
    virtual ~FoldAttributes() = default;
    virtual std::optional<int64_t> integer(std::string_view name) const = 0;
    virtual std::optional<std::vector<int64_t>> integers(std::string_view name) const = 0;
    virtual std::optional<float> real(std::string_view name) const = 0;
    virtual std::optional<std::vector<float>> reals(std::string_view name) const = 0;
    virtual const onnx::TensorProto* tensor(std::string_view name) const = 0;
};

// One input of a node being folded.
struct FoldOperand {
    bool present = false;                        // false for an omitted optional input
    const FoldValue* value = nullptr;            // null when the input is not a constant
    const std::vector<int64_t>* shape = nullptr; // its static shape, when known (Shape reads only this)
};

// Whether evaluateConstantOp knows the standard-domain op at all.
bool isFoldableOp(std::string_view op);

// The single output of a standard-domain op of the given opset whose operands are constants;
// nullopt when the op is not one it evaluates, an operand it reads is not constant, the
// operands are malformed (shape inference or the executor then names the problem) or the
// result would have more than maxElements elements.
std::optional<FoldValue> evaluateConstantOp(std::string_view op, int64_t opset, const FoldAttributes& attributes,
                                            const std::vector<FoldOperand>& inputs, int64_t maxElements);

} // namespace foldwise
