#pragma once

#include <set>
#include <string>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// ONNX 1.12's inference hands an operator a null input type when nothing is known about the
// tensor (an untyped graph input, or the output of a custom-domain op or of a node inference
// failed on), and Shape (opset 15 on) dereferences it: `inspect` of a model where a Shape reads
// a custom op's output crashed with SIGSEGV. On the inference copy, every tensor a node reads
// that has no type entry gets one with an undefined element type and no shape, which inference
// fills in where it can; remove() takes away those it could not fill, so the graph sees exactly
// what inference found.
class TypePlaceholders {
public:
    explicit TypePlaceholders(onnx::ModelProto& model);
    void remove(onnx::ModelProto& model) const;

private:
    std::set<std::string> valueInfos_; // value_info entries added
    std::set<std::string> inputs_;     // graph inputs given a type
};

} // namespace foldwise
