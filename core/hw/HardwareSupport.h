#pragma once

// Which nodes of a model a hardware style cannot build, node by node, so that a user sees every
// obstacle at once (the GUI marks them in the graph) instead of one refusal of the whole model.

#include "model/EnumNames.h"
#include "model/ModelError.h"

#include <string>
#include <vector>

namespace foldwise {

class Model;

enum class HardwareStyle { FpgaConvNet, Finn };

const char* hardwareStyleName(HardwareStyle style); // "fpgaConvNet", "FINN"
// As users write them (--style, design files, sweep manifests).
template <>
inline constexpr std::array enumNames<HardwareStyle> = {std::pair{HardwareStyle::FpgaConvNet, "fpgaconvnet"},
                                                        std::pair{HardwareStyle::Finn, "finn"}};

struct UnbuildableNode {
    std::string node;   // the ONNX node's name
    std::string op;     // its op type (with a custom domain as "domain:op")
    std::string reason; // why the style has no layer for it ("fpgaConvNet has no layer for ...")
};

// What buildHardwareGraph and convertToFinn throw when nodes have no layer in their style:
// what() is the usual one-line message (the first nodes named), nodes() has every one.
class UnsupportedNodesError : public ModelError {
public:
    UnsupportedNodesError(const std::string& file, const std::string& reason, std::vector<UnbuildableNode> nodes)
        : ModelError(file, reason), nodes_(std::move(nodes))
    {
    }
    const std::vector<UnbuildableNode>& nodes() const { return nodes_; }

private:
    std::vector<UnbuildableNode> nodes_;
};

// The result of trying to build a model in a style.
struct HardwareSupport {
    std::vector<UnbuildableNode> unsupported; // nodes the style has no layer for
    std::string modelProblem;                 // a problem of the whole model (no static shapes, ...), or ""
    bool buildable() const { return unsupported.empty() && modelProblem.empty(); }
};

// Builds the model's layers in `style` (fpgaConvNet's hardware graph, FINN's conversion; no
// optimisation) and reports what stops it. Cheap: milliseconds for an ImageNet CNN.
HardwareSupport checkHardwareSupport(const Model& model, HardwareStyle style);

} // namespace foldwise
