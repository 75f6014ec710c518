#include "passes/StructuredPruning.h"

#include "layers/ModelSummary.h"
#include "model/ModelError.h"
#include "passes/ChannelShrinking.h"
#include "passes/GraphEditor.h"
#include "passes/PassSupport.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <stdexcept>

namespace foldwise::passes {
namespace {

std::vector<int64_t> simdPerLayer(const std::vector<int64_t>& simd, const ChannelFlow& flow)
{
    if (simd.empty())
        return std::vector<int64_t>(flow.layers.size(), 1);
    for (int64_t s : simd)
        if (s < 1)
            throw std::invalid_argument("--simd-list: SIMD values must be positive, not " + std::to_string(s));
    if (simd.size() == 1)
        return std::vector<int64_t>(flow.layers.size(), simd[0]);
    if (simd.size() != flow.layers.size())
        throw std::invalid_argument("--simd-list: " + std::to_string(simd.size()) + " values for "
                                    + std::to_string(flow.layers.size()) + " prunable layers (give one per layer, or one for all)");
    return simd;
}

// The selection the options ask for, searched by bisection in exact mode.
class SelectionSearch {
public:
    SelectionSearch(const Model& model, const ChannelFlow& flow, const ChannelSelector& selector, const PassContext& context)
        : model_(model), flow_(flow), selector_(selector), counter_(model, flow), context_(context)
    {
    }

    std::vector<ChannelMask> byRate(PruneCriterion c, double rate)
    {
        if (c == PruneCriterion::Local)
            return selector_.localSelection(rate);
        steps_ = selector_.stepsForRate(rate);
        return selector_.globalSelection(steps_);
    }

    // Global/safe: the parameter count falls as steps grow, so bisect on the step count (the
    // threshold is the score of the last unit pruned). Local: bisect the rate.
    std::vector<ChannelMask> byTarget(PruneCriterion c, int64_t target)
    {
        if (c == PruneCriterion::Local) {
            double lo = 0, hi = 1, best = 0;
            int64_t bestError = -1;
            for (int i = 0; i < 40; ++i) {
                const double mid = (lo + hi) / 2;
                const int64_t p = params(selector_.localSelection(mid), static_cast<std::size_t>(i), 40);
                if (bestError < 0 || std::llabs(p - target) < bestError) {
                    bestError = std::llabs(p - target);
                    best = mid;
                }
                (p > target ? lo : hi) = mid;
            }
            rate_ = best;
            return selector_.localSelection(best);
        }
        std::size_t lo = 0, hi = selector_.globalSteps();
        const std::size_t expected = static_cast<std::size_t>(std::log2(static_cast<double>(hi) + 1)) + 2;
        std::size_t evaluations = 0;
        while (lo < hi) { // smallest step count with params <= target
            const std::size_t mid = (lo + hi) / 2;
            if (params(selector_.globalSelection(mid), evaluations++, expected) <= target)
                hi = mid;
            else
                lo = mid + 1;
        }
        steps_ = lo;
        if (lo > 0) {
            const int64_t at = params(selector_.globalSelection(lo), evaluations++, expected);
            const int64_t before = params(selector_.globalSelection(lo - 1), evaluations++, expected);
            if (std::llabs(before - target) < std::llabs(at - target))
                steps_ = lo - 1;
        }
        return selector_.globalSelection(steps_);
    }

    std::size_t steps() const { return steps_; }
    double rate() const { return rate_; }
    const ParameterCounter& counter() const { return counter_; }

private:
    int64_t params(const std::vector<ChannelMask>& selection, std::size_t done, std::size_t total)
    {
        context_.step(std::min(done, total), total);
        return counter_.count(propagateChannels(model_, flow_, selection));
    }

    const Model& model_;
    const ChannelFlow& flow_;
    const ChannelSelector& selector_;
    ParameterCounter counter_;
    const PassContext& context_;
    std::size_t steps_ = 0;
    double rate_ = 0;
};

nlohmann::json layerReport(const ChannelFlow& flow, const ChannelSelector& selector, const ChannelPlan& plan,
                           const std::vector<int64_t>& simd)
{
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t l = 0; l < flow.layers.size(); ++l) {
        const PrunableLayer& layer = flow.layers[l];
        const ChannelMask& m = plan.tensors[static_cast<std::size_t>(flow.nodes[static_cast<std::size_t>(layer.node)].output)];
        std::vector<int64_t> removed;
        for (std::size_t k = 0; k < m.size(); ++k)
            if (!m[k])
                removed.push_back(static_cast<int64_t>(k));
        layers.push_back({{"name", layer.name},
                          {"op", layer.op},
                          {"channels_before", layer.channels},
                          {"channels_after", keptCount(m)},
                          {"sparsity", static_cast<double>(removed.size()) / static_cast<double>(layer.channels)},
                          {"removed", removed},
                          {"score_source", selector.scores()[l].source},
                          {"simd", simd[l]},
                          {"eligible", selector.eligible(l)},
                          {"trunk", layer.trunk},
                          {"role", layer.role}});
    }
    return layers;
}

// Channels gone from layer and depthwise outputs that the criterion did not pick.
int64_t deadChannels(const ChannelFlow& flow, const ChannelPlan& plan, const std::vector<ChannelMask>& selection)
{
    int64_t dead = 0;
    for (std::size_t id = 0; id < flow.nodes.size(); ++id) {
        const ChannelNode& c = flow.nodes[id];
        if (c.op != ChannelOp::Layer && c.op != ChannelOp::Depthwise)
            continue;
        const ChannelMask& m = plan.tensors[static_cast<std::size_t>(c.output)];
        for (std::size_t k = 0; k < m.size(); ++k)
            dead += !m[k] && (flow.layerOf[id] < 0 || selection[static_cast<std::size_t>(flow.layerOf[id])][k]) ? 1 : 0;
    }
    return dead;
}

} // namespace

const char* criterionName(PruneCriterion c)
{
    return enumNames<PruneCriterion>[static_cast<std::size_t>(c)].second;
}

PruneCriterion parseCriterion(const std::string& name)
{
    try {
        return parseEnum<PruneCriterion>(name);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("--criterion: ") + e.what());
    }
}

PassResult pruneChannels(const Model& model, const PruningOptions& options, const PassContext& context)
{
    if (options.rate.has_value() == options.targetParams.has_value())
        throw std::invalid_argument("give either --rate or --target-params (exactly one)");
    if (options.rate && !(*options.rate >= 0 && *options.rate < 1))
        throw std::invalid_argument("--rate: " + std::to_string(*options.rate) + " is not in [0, 1)");
    if (options.targetParams && *options.targetParams <= 0)
        throw std::invalid_argument("--target-params: must be positive, not " + std::to_string(*options.targetParams));
    PassResult result = startPass("prune", model);
    const ChannelFlow flow = analyseChannels(model);
    if (flow.layers.empty())
        throw ModelError(model.file().string(), "no prunable layer: no Conv/Gemm/MatMul output channels can be removed "
                                                "without changing the model's outputs");
    const std::vector<int64_t> simd = simdPerLayer(options.simd, flow);
    const ChannelSelector selector(flow, scoreChannels(model, flow), options.criterion, simd);
    SelectionSearch search(model, flow, selector, context);
    const std::vector<ChannelMask> selection = options.rate ? search.byRate(options.criterion, *options.rate)
                                                            : search.byTarget(options.criterion, *options.targetParams);
    const ChannelPlan plan = propagateChannels(model, flow, selection);

    onnx::ModelProto proto = editableCopy(model);
    GraphEditor editor(proto);
    const ShrinkResult shrink = shrinkChannels(model, flow, plan, editor);
    editor.finish();
    placeIndexAdds(proto, shrink);
    result.changes = static_cast<int>(shrink.nodes.size() + shrink.indexAdds.size());
    result.notes = flow.notes;

    nlohmann::json& r = result.report;
    r["criterion"] = criterionName(options.criterion);
    if (options.rate)
        r["rate"] = *options.rate;
    if (options.criterion != PruneCriterion::Local)
        r["threshold"] = selector.threshold(search.steps());
    else if (options.targetParams)
        r["rate"] = search.rate();
    r["layers"] = layerReport(flow, selector, plan, simd);
    r["nodes"] = shrink.nodes;
    r["index_adds"] = shrink.indexAdds;
    r["dead_channels"] = deadChannels(flow, plan, selection);
    r["fixed_point_iterations"] = plan.iterations;
    const int64_t planned = search.counter().count(plan);
    finishPass(result, model, std::move(proto));

    const ModelSummary before = summariseModel(model), after = summariseModel(*result.model);
    r["params"] = {{"before", before.totals.params}, {"after", after.totals.params}};
    r["macs"] = {{"before", before.totals.macs}, {"after", after.totals.macs}};
    if (planned != after.totals.params)
        result.notes.push_back("internal: the planned parameter count " + std::to_string(planned)
                               + " differs from the shrunk model's " + std::to_string(after.totals.params));
    if (options.targetParams) {
        const double error = static_cast<double>(after.totals.params - *options.targetParams)
            / static_cast<double>(*options.targetParams);
        r["target"] = {{"params", *options.targetParams}, {"achieved", after.totals.params}, {"relative_error", error}};
        if (std::fabs(error) > 0.01)
            result.notes.push_back("the parameter target " + std::to_string(*options.targetParams) + " was missed by "
                                   + std::to_string(error * 100) + "%: the nearest channel step gives "
                                   + std::to_string(after.totals.params));
    }
    r["notes"] = result.notes;
    context.step(1, 1);
    return result;
}

} // namespace foldwise::passes
