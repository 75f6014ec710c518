#include "passes/ReluFusion.h"

#include "model/FusedActivations.h"
#include "passes/FusionHardwareReport.h"
#include "passes/PassSupport.h"

#include <onnx/onnx_pb.h>

namespace foldwise::passes {

PassResult fuseReluActivations(const Model& model, const PassContext& context, const FusionOptions& options)
{
    PassResult result = startPass("fuse", model);
    onnx::ModelProto proto = editableCopy(model);
    const Graph& g = model.graph();
    const FusedActivations existing = readFusedActivations(model);
    for (const std::string& line : existing.ignored)
        result.notes.push_back(line + " (mark dropped)");
    std::vector<FusedActivation> fused = existing.valid;

    // Activation ops a reader might take for a ReLU: each is judged, and the ones that are not
    // ReLUs are listed with the reason.
    std::vector<NodeId> candidates;
    for (NodeId id : g.topologicalOrder())
        if (isStandardOp(g.node(id), {"Relu", "Clip", "ThresholdedRelu", "LeakyRelu", "PRelu"}))
            candidates.push_back(id);
    nlohmann::json added = nlohmann::json::array(), skipped = nlohmann::json::array();
    int already = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        context.step(i, candidates.size());
        const Node& act = g.node(candidates[i]);
        if (existing.byActivation(act.name)) {
            ++already;
            continue;
        }
        FusedActivation f;
        const std::string why = fusionBlocker(model, candidates[i], f);
        if (!why.empty()) {
            skipped.push_back({{"activation", act.name}, {"op", act.opType}, {"reason", why}});
            result.notes.push_back(act.opType + " '" + act.name + "' not fused: " + why);
            continue;
        }
        fused.push_back(f);
        added.push_back({{"layer", f.layer},
                         {"op", g.node(*g.findNode(f.layer)).opType},
                         {"batchnorm", f.batchNorm},
                         {"activation", f.activation},
                         {"activation_op", act.opType}});
        ++result.changes;
    }
    context.step(candidates.size(), candidates.size());
    writeFusedActivations(proto, fused);
    result.report["fused"] = added;
    result.report["skipped"] = skipped;
    result.report["already_fused"] = already;
    finishPass(result, model, std::move(proto));
    result.report["hardware"] = fusionHardwareReport(model, *result.model, options.bits);
    return result;
}

} // namespace foldwise::passes
