#include "sweep/ThresholdPolicy.h"

#include "model/ModelError.h"
#include "profile/ActivationProfile.h"

#include <algorithm>
#include <set>

namespace foldwise::sweep {
namespace {

bool isRelu(const Node& n)
{
    return n.domain.empty() && (n.opType == "Relu" || n.opType == "ThresholdedRelu");
}

// Layers a zero passes through unchanged: looking back through them still finds the ReLUs
// whose zeros the convolution sees.
const std::set<std::string> kLookThrough = {"Split",   "Concat",  "Add",       "MaxPool",  "AveragePool", "Pad",
                                            "Flatten", "Reshape", "Squeeze",   "Unsqueeze", "Identity",    "Dropout"};

float stepFor(const std::string& relu, const ThresholdStep& step, const ActivationProfile* profile)
{
    if (!step.relative)
        return static_cast<float>(step.increment);
    const ReluInputValues* values = profile ? profile->findRelu(relu) : nullptr;
    if (!values || values->histogram.count() == values->histogram.nans())
        return 0.0f; // no spread known: a relative step cannot move it
    return static_cast<float>(step.increment * std::max(0.0f, values->histogram.max()));
}

} // namespace

std::vector<std::string> reluNodes(const Model& model)
{
    std::vector<std::string> names;
    for (NodeId id : model.graph().topologicalOrder())
        if (isRelu(model.graph().node(id)))
            names.push_back(model.graph().node(id).name);
    return names;
}

std::vector<std::string> relusFeeding(const Model& model, const std::string& node)
{
    const Graph& g = model.graph();
    const std::optional<NodeId> start = g.findNode(node);
    if (!start)
        throw ModelError(model.file().string(), "no node is named '" + node + "'");
    std::set<NodeId> found;
    std::set<TensorId> visited;
    std::vector<TensorId> pending;
    const Node& n = g.node(*start);
    if (!n.inputs.empty() && n.inputs[0] != kNoId)
        pending.push_back(n.inputs[0]);
    while (!pending.empty()) {
        const TensorId t = pending.back();
        pending.pop_back();
        if (!visited.insert(t).second)
            continue;
        const NodeId producer = g.tensor(t).producer;
        if (producer == kNoId)
            continue; // a graph input or an initializer
        const Node& p = g.node(producer);
        if (isRelu(p)) {
            found.insert(producer);
        } else if (p.domain.empty() && kLookThrough.count(p.opType)) {
            for (TensorId in : p.inputs)
                if (in != kNoId && !g.isConstant(in))
                    pending.push_back(in);
        }
    }
    std::vector<std::string> names;
    for (NodeId id : g.topologicalOrder())
        if (found.count(id))
            names.push_back(g.node(id).name);
    return names;
}

ReluThresholds raiseUniform(const Model& model, const ReluThresholds& current, const ThresholdStep& step,
                            const ActivationProfile* profile)
{
    ReluThresholds next = current;
    for (const std::string& relu : reluNodes(model))
        next[relu] += stepFor(relu, step, profile);
    return next;
}

ReluThresholds raiseFeeding(const Model& model, const ReluThresholds& current, const std::string& slowestNode,
                            const ThresholdStep& step, const ActivationProfile* profile)
{
    ReluThresholds next = current;
    for (const std::string& relu : relusFeeding(model, slowestNode))
        next[relu] += stepFor(relu, step, profile);
    return next;
}

} // namespace foldwise::sweep
