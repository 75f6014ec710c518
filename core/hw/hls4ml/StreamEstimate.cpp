#include "hw/hls4ml/StreamEstimate.h"

#include "model/qonnx/QonnxOps.h"

#include "hw/fpgaconvnet/LayerModel.h"
#include "model/FusedActivations.h"
#include "model/ModelError.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace foldwise::hls4ml {
namespace {

const std::set<std::string> kShapeOnly = {"Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout"};
const std::set<std::string> kBatchNormHosts = {"Conv", "Gemm", "MatMul"};

bool isActivation(const Graph& g, TensorId t) { return t != kNoId && !g.isConstant(t); }

} // namespace

ResourceUsage fifoResources(int64_t depth, int64_t width)
{
    ResourceUsage r;
    if (depth <= 0 || width <= 0)
        return r;
    // The reference's FIFO rule; the same function the fpgaConvNet-style model sizes its FIFOs with.
    r.bram18 = static_cast<double>(fpgaconvnet::bram18(depth, width, true));
    r.lut = 2.0 * std::ceil(std::log2(static_cast<double>(std::max<int64_t>(2, depth))));
    if (r.bram18 == 0)
        r.lut += static_cast<double>((depth + 31) / 32 * width);
    return r;
}

StreamEstimate estimateStreams(const Model& model, const StreamSettings& settings)
{
    if (settings.bits < 1 || settings.bits > 64)
        throw ModelError(model.file().string(), "hls4ml precision of " + std::to_string(settings.bits) + " bits is outside 1..64");
    const Graph& g = model.graph();
    StreamEstimate e;
    passes::FusedActivations fused;
    if (settings.honourFusedActivations) {
        fused = passes::readFusedActivations(model);
        e.ignoredFusions = fused.ignored;
    }
    std::map<TensorId, TensorId> alias; // value -> the value whose stream carries it
    std::map<TensorId, int> stageOf;    // carried value -> the stage writing it
    const auto resolve = [&](TensorId t) {
        while (alias.count(t))
            t = alias.at(t);
        return t;
    };
    std::vector<std::vector<TensorId>> stageInputs;
    std::map<TensorId, int> streamBits; // carried value -> bits of its quantised format

    for (NodeId id : g.topologicalOrder()) {
        const Node& n = g.node(id);
        if (!n.outputs.empty() && std::all_of(n.outputs.begin(), n.outputs.end(), [&](TensorId t) {
                return t == kNoId || g.isConstant(t);
            }))
            continue;
        std::vector<TensorId> inputs;
        for (TensorId t : n.inputs)
            if (isActivation(g, t))
                inputs.push_back(resolve(t));
        const TensorId out = n.outputs.empty() ? kNoId : n.outputs[0];
        const bool standard = n.domain.empty();
        if (standard && kShapeOnly.count(n.opType) && inputs.size() == 1 && out != kNoId) {
            alias[out] = inputs[0];
            continue;
        }
        // QONNX: hls4ml turns a quantizer into the precision of the stream it quantises (the
        // producing layer's result type), no stage of its own; the FIFO is that many bits wide.
        if (qonnx::isQuantizer(qonnx::opOf(n)) && inputs.size() == 1 && out != kNoId) {
            if (const auto& format = model.numberFormat(out))
                streamBits[inputs[0]] = format->bits;
            alias[out] = inputs[0];
            continue;
        }
        const auto hostStage = [&]() -> Stage* {
            if (inputs.size() != 1 || !stageOf.count(inputs[0]))
                return nullptr;
            return &e.stages[static_cast<std::size_t>(stageOf.at(inputs[0]))];
        };
        if (standard && n.opType == "BatchNormalization" && out != kNoId) {
            Stage* host = hostStage();
            const bool onlyReader = !n.inputs.empty() && n.inputs[0] != kNoId
                && g.tensor(n.inputs[0]).consumers.size() == 1 && !g.tensor(n.inputs[0]).isGraphOutput;
            if (host && kBatchNormHosts.count(host->op) && onlyReader) {
                host->merged.push_back(n.name);
                alias[out] = inputs[0];
                continue;
            }
        }
        if (const passes::FusedActivation* f = fused.byActivation(n.name); f && out != kNoId) {
            Stage* host = hostStage();
            if (host && host->name == f->layer) {
                host->merged.push_back(n.name);
                alias[out] = inputs[0];
                continue;
            }
        }
        const int index = static_cast<int>(e.stages.size());
        e.stages.push_back({n.name, n.opType, {}});
        stageInputs.push_back(inputs);
        for (TensorId t : n.outputs)
            if (t != kNoId)
                stageOf[t] = index;
    }

    // Readers of every carried value among the stages.
    std::map<TensorId, std::vector<int>> readers;
    for (std::size_t s = 0; s < stageInputs.size(); ++s)
        for (TensorId t : stageInputs[s])
            if (stageOf.count(t))
                readers[t].push_back(static_cast<int>(s));
    const auto addFifo = [&](TensorId t, const std::string& from, const std::string& to) {
        const Tensor& v = g.tensor(t);
        if (!v.hasShape || !v.shape.isStatic() || v.shape.rank() < 2)
            throw ModelError(model.file().string(), "the shape of '" + v.name + "' is not known as N x C [x ...] "
                                                    "(give the input shape); hls4ml sizes its FIFOs from it");
        const std::vector<int64_t> d = v.shape.values();
        int64_t depth = 1;
        for (std::size_t i = 2; i < d.size(); ++i)
            depth *= d[i];
        const auto quantised = streamBits.find(t);
        int64_t bits = quantised != streamBits.end() ? quantised->second : settings.bits;
        if (quantised == streamBits.end())
            if (const auto& format = model.numberFormat(t)) // an annotated or already quantised value
                bits = format->bits;
        Fifo f{v.name, from, to, depth, d[1] * bits, fifoResources(depth, d[1] * bits)};
        e.fifoResources += f.resources;
        e.fifos.push_back(std::move(f));
    };
    for (const auto& [t, rs] : readers) {
        const std::string from = e.stages[static_cast<std::size_t>(stageOf.at(t))].name; // copied: clones grow e.stages
        if (rs.size() == 1) {
            addFifo(t, from, e.stages[static_cast<std::size_t>(rs[0])].name);
            continue;
        }
        const std::string clone = "clone_" + g.tensor(t).name;
        e.stages.push_back({clone, "Clone", {}});
        addFifo(t, from, clone);
        for (int r : rs)
            addFifo(t, clone, e.stages[static_cast<std::size_t>(r)].name);
    }
    return e;
}

} // namespace foldwise::hls4ml
