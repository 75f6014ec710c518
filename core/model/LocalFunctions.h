#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace onnx {
class ModelProto;
class FunctionProto;
class NodeProto;
} // namespace onnx

namespace foldwise {

// Model-local functions (ModelProto.functions, IR >= 8) whose body is a single node are the way
// an annotated model keeps a standard op runnable while carrying attributes the op's schema does
// not define: Foldwise's annotated convolutions are calls of such a wrapper (see
// profile/FpgaConvNetExport.h). The loader expands each call into its body node so the rest of
// Foldwise sees a plain Conv; the caller's extra attributes (e.g. `channel_sparsity_hist`) stay on
// the expanded node. Functions with longer bodies are left alone (their calls stay unsupported).
class SingleNodeFunctions {
public:
    explicit SingleNodeFunctions(const onnx::ModelProto& model);

    bool empty() const { return functions_.empty(); }

    // The body node with the call's inputs, outputs and name substituted, attribute references
    // resolved against the call's attributes (a reference the call does not set is dropped, so
    // the op's default applies) and the call's unreferenced attributes appended. std::nullopt when
    // `call` is not a call of a single-node local function.
    std::optional<onnx::NodeProto> expand(const onnx::NodeProto& call) const;

private:
    // (domain, name) -> function; domain "" for the default domain.
    std::map<std::pair<std::string, std::string>, const onnx::FunctionProto*> functions_;
};

} // namespace foldwise
