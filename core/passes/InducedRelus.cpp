#include "passes/InducedRelus.h"

#include "exec/Executor.h"
#include "model/ModelError.h"
#include "model/ReluMatch.h"
#include "passes/DreluCache.h"
#include "passes/HammingPrototypes.h"
#include "passes/InducedReluGraph.h"
#include "passes/PassSupport.h"
#include "profile/Accuracy.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <chrono>
#include <map>

namespace foldwise::passes {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// One progress scale over the pass's phases: each phase reports its own count, offset by the
// work of the phases before it.
class PhasedProgress {
public:
    PhasedProgress(const PassContext& context, std::size_t total) : context_(context), total_(total) {}

    WorkStep phase(std::size_t size)
    {
        const std::size_t offset = offset_;
        offset_ += size;
        return [this, offset, size](std::size_t done) { context_.step(offset + std::min(done, size), total_); };
    }
    void finish() const { context_.step(total_, total_); }

private:
    const PassContext& context_;
    std::size_t total_;
    std::size_t offset_ = 0;
};

// What a ReLU computes after the pass, by name.
struct LayerRole {
    std::string role;
    int64_t relusAfter = 0;
};

std::map<std::string, LayerRole> rolesOf(const InducedReluPlan& plan)
{
    std::map<std::string, LayerRole> roles;
    for (const InducerPlan& p : plan.inducers) {
        // An inducer listing itself computes only its prototypes' signs; otherwise its own full
        // ReLU, of which the prototypes' signs are a part.
        roles[p.inducer.name] = p.inducesItself() ? LayerRole{"inducer (itself induced)", p.prototypes}
                                                  : LayerRole{"inducer", p.inducer.units};
        for (const ReluLayer& l : p.induced)
            if (l.name != p.inducer.name)
                roles[l.name] = {"induced by " + p.inducer.name, 0};
    }
    for (const auto& [l, kind] : plan.overrides)
        roles[l.name] = kind == ReluOverride::Identity ? LayerRole{"identity", 0} : LayerRole{"relu", l.units};
    return roles;
}

// Every exact ReLU of the model with its units before and after.
nlohmann::json reluLayers(const Model& model, const InducedReluPlan& plan, PassResult& result)
{
    const std::map<std::string, LayerRole> roles = rolesOf(plan);
    const Graph& g = model.graph();
    nlohmann::json layers = nlohmann::json::array();
    int64_t before = 0, after = 0;
    for (NodeId id : g.topologicalOrder()) {
        const Node& n = g.node(id);
        if (!checkRelu(model, n).relu || n.inputs.empty() || n.inputs[0] == kNoId)
            continue;
        const Tensor& in = g.tensor(n.inputs[0]);
        const std::optional<int64_t> elements = in.shape.elementCount();
        if (!in.hasShape || in.shape.rank() < 1 || !elements || in.shape[0].value <= 0) {
            result.notes.push_back("ReLU '" + n.name + "' has no known units per item; left out of the ReLU counts");
            continue;
        }
        const int64_t units = *elements / in.shape[0].value;
        const auto r = roles.find(n.name);
        const LayerRole role = r == roles.end() ? LayerRole{"relu", units} : r->second;
        layers.push_back({{"layer", n.name}, {"role", role.role}, {"units", units}, {"relus_before", units},
                          {"relus_after", role.relusAfter}});
        before += units;
        after += role.relusAfter;
    }
    result.report["relus"] = {{"before", before},
                              {"after", after},
                              {"removed", before - after},
                              {"kept_fraction", before ? static_cast<double>(after) / static_cast<double>(before) : 1.0}};
    return layers;
}

nlohmann::json inducerReport(const InducerChoice& c)
{
    nlohmann::json induced = nlohmann::json::array();
    for (const InducedLayerChoice& l : c.induced) {
        int64_t total = 0, exact = 0;
        for (int32_t d : l.distance) {
            total += d;
            exact += d == 0;
        }
        const double decisions = static_cast<double>(l.distance.size()) * static_cast<double>(c.items);
        induced.push_back({{"layer", l.layer.name},
                           {"shape", l.layer.itemDims},
                           {"units", l.layer.units},
                           {"mean_mismatch", decisions > 0 ? static_cast<double>(total) / decisions : 0.0},
                           {"exact_units", exact}});
    }
    const bool self = std::any_of(c.induced.begin(), c.induced.end(),
                                  [&](const InducedLayerChoice& l) { return l.layer.name == c.inducer.name; });
    return {{"inducer", c.inducer.name},  {"shape", c.inducer.itemDims},
            {"units", c.inducer.units},   {"prototypes", c.prototypes.size()},
            {"induces_itself", self},      {"induced", induced}};
}

// An inducer inducing itself: a prototype unit keeps its own sign (exact on every input; another
// unit with the same bits over the calibration data could otherwise come first), the others
// take their nearest prototype's.
void selfAssign(const std::vector<int64_t>& prototypes, const DreluBits& prototypeBits, const DreluBits& bits,
                InducedLayerChoice& choice, const WorkStep& step)
{
    choice.prototype.assign(bits.units(), -1);
    choice.distance.assign(bits.units(), 0);
    for (std::size_t r = 0; r < prototypes.size(); ++r)
        choice.prototype[static_cast<std::size_t>(prototypes[r])] = static_cast<int32_t>(r);
    std::vector<int64_t> others;
    for (std::size_t u = 0; u < bits.units(); ++u)
        if (choice.prototype[u] < 0)
            others.push_back(static_cast<int64_t>(u));
    if (!others.empty()) {
        const std::size_t offset = bits.units() - others.size();
        const NearestPrototypes nearest = assignNearest(prototypeBits, bits.select(others), [&](std::size_t done) {
            if (step)
                step(offset + done);
        });
        for (std::size_t i = 0; i < others.size(); ++i) {
            choice.prototype[static_cast<std::size_t>(others[i])] = nearest.prototype[i];
            choice.distance[static_cast<std::size_t>(others[i])] = nearest.distance[i];
        }
    }
    if (step)
        step(bits.units());
}

} // namespace

InducedReluResult induceRelus(const Model& model, const InducedReluMapping& mapping, CalibrationReader& reader,
                              const InduceOptions& options, const PassContext& context)
{
    const InducedReluPlan plan = planInducedRelus(model, mapping, options.prototypes);
    InducedReluResult out;
    PassResult& result = out.pass;
    result = startPass("induce", model);
    result.report["mapping"] = mapping.source;
    result.report["seed"] = options.seed;

    // Each mapped layer's bits once, in mapping order.
    std::vector<std::string> cached;
    std::map<std::string, std::size_t> slot;
    const auto want = [&](const ReluLayer& l) {
        if (slot.emplace(l.name, cached.size()).second)
            cached.push_back(l.name);
    };
    std::size_t prototypeWork = 0, assignWork = 0;
    for (const InducerPlan& p : plan.inducers) {
        want(p.inducer);
        for (const ReluLayer& l : p.induced) {
            want(l);
            assignWork += static_cast<std::size_t>(l.units);
        }
        prototypeWork += static_cast<std::size_t>(p.prototypes);
    }
    const std::size_t items = reader.size();
    PhasedProgress progress(context, items + prototypeWork + assignWork + (options.measureAccuracy ? 2 : 0));
    nlohmann::json timing;

    // 1. DReLU bits over the calibration data.
    Clock::time_point start = Clock::now();
    DreluCache cache;
    try {
        cache = cacheDreluBits(model, reader, cached, progress.phase(items), context.cancel);
    } catch (const ExecutionCancelled&) {
        throw PassCancelled();
    }
    timing["drelu_cache"] = secondsSince(start);
    for (const std::string& note : cache.notes)
        result.notes.push_back(note);
    result.report["calibration"] = {{"source", reader.source().describe()}, {"items", cache.items}, {"skipped", cache.skipped}};

    // 2. Prototypes and the nearest prototype of every induced unit.
    double prototypeSeconds = 0, assignSeconds = 0;
    for (std::size_t i = 0; i < plan.inducers.size(); ++i) {
        const InducerPlan& p = plan.inducers[i];
        InducerChoice c;
        c.inducer = p.inducer;
        c.items = cache.items;
        const DreluBits& inducerBits = cache.layers[slot.at(p.inducer.name)];
        start = Clock::now();
        c.prototypes = farthestPointSampling(inducerBits, static_cast<std::size_t>(p.prototypes), options.seed + i,
                                             progress.phase(static_cast<std::size_t>(p.prototypes)));
        prototypeSeconds += secondsSince(start);
        start = Clock::now();
        const DreluBits prototypeBits = inducerBits.select(c.prototypes);
        for (const ReluLayer& l : p.induced) {
            const DreluBits& bits = cache.layers[slot.at(l.name)];
            const WorkStep step = progress.phase(static_cast<std::size_t>(l.units));
            c.induced.push_back({l, {}, {}});
            InducedLayerChoice& choice = c.induced.back();
            if (l.name != p.inducer.name) {
                NearestPrototypes nearest = assignNearest(prototypeBits, bits, step);
                choice.prototype = std::move(nearest.prototype);
                choice.distance = std::move(nearest.distance);
            } else {
                selfAssign(c.prototypes, prototypeBits, bits, choice, step);
            }
        }
        assignSeconds += secondsSince(start);
        out.choices.push_back(std::move(c));
    }
    timing["prototypes"] = prototypeSeconds;
    timing["assignment"] = assignSeconds;

    // 3. The induced model.
    onnx::ModelProto proto = editableCopy(model);
    result.changes = writeInducedReluGraph(model, proto, out.choices, plan.overrides);
    for (const auto& [l, kind] : plan.overrides)
        if (kind == ReluOverride::Relu)
            result.notes.push_back("ReLU '" + l.name + "' kept as a ReLU (override)");
    nlohmann::json inducers = nlohmann::json::array();
    for (const InducerChoice& c : out.choices)
        inducers.push_back(inducerReport(c));
    result.report["inducers"] = inducers;
    result.report["layers"] = reluLayers(model, plan, result);
    finishPass(result, model, std::move(proto));

    // 4. Accuracy before and after, on the same items.
    if (options.measureAccuracy) {
        start = Clock::now();
        try {
            sweep::AccuracyOptions a;
            a.batchSize = options.accuracyBatch;
            a.cancel = context.cancel;
            const sweep::AccuracyResult before = sweep::measureAccuracy(model, reader, a);
            progress.phase(1)(1);
            a.reference = &before.predictions;
            const sweep::AccuracyResult after = sweep::measureAccuracy(*result.model, reader, a);
            progress.phase(1)(1);
            result.report["accuracy"] = {{"items", after.items},
                                         {"labelled", after.labelled},
                                         {"before", sweep::accuracyJson(before)},
                                         {"after", sweep::accuracyJson(after)}};
        } catch (const ExecutionCancelled&) {
            throw PassCancelled();
        } catch (const ModelError& e) {
            result.notes.push_back("accuracy not measured: " + e.reason());
            result.report["accuracy"] = {{"error", e.reason()}};
        }
        timing["accuracy"] = secondsSince(start);
    }
    result.report["timing_s"] = timing;
    result.report["notes"] = result.notes;
    progress.finish();
    return out;
}

} // namespace foldwise::passes
