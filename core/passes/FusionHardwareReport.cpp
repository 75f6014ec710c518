#include "passes/FusionHardwareReport.h"

#include "hw/fpgaconvnet/HardwareGraph.h"
#include "hw/fpgaconvnet/LayerModel.h"
#include "hw/hls4ml/StreamEstimate.h"
#include "model/ModelError.h"

#include <algorithm>
#include <set>

namespace foldwise::passes {
namespace {

nlohmann::json streamFigures(const hls4ml::StreamEstimate& e)
{
    return {{"stages", e.stages.size()},
            {"fifos", e.fifos.size()},
            {"fifo_bram18", e.fifoResources.bram18},
            {"fifo_lut", e.fifoResources.lut}};
}

nlohmann::json hls4mlReport(const Model& before, const Model& after, int bits)
{
    hls4ml::StreamSettings s;
    s.bits = bits;
    const hls4ml::StreamEstimate a = hls4ml::estimateStreams(before, s);
    const hls4ml::StreamEstimate b = hls4ml::estimateStreams(after, s);
    std::set<std::string> kept;
    for (const hls4ml::Stage& st : b.stages)
        kept.insert(st.name);
    nlohmann::json removedStages = nlohmann::json::array();
    for (const hls4ml::Stage& st : a.stages)
        if (!kept.count(st.name))
            removedStages.push_back(st.name);
    // A FIFO is gone when no FIFO of the fused model leaves the same stage with the same value.
    std::set<std::pair<std::string, std::string>> keptFifos;
    for (const hls4ml::Fifo& f : b.fifos)
        keptFifos.insert({f.from, f.value});
    nlohmann::json removedFifos = nlohmann::json::array();
    for (const hls4ml::Fifo& f : a.fifos)
        if (!keptFifos.count({f.from, f.value}))
            removedFifos.push_back({{"value", f.value},
                                    {"from", f.from},
                                    {"to", f.to},
                                    {"depth", f.depth},
                                    {"width", f.width},
                                    {"bram18", f.resources.bram18},
                                    {"lut", f.resources.lut}});
    return {{"bits", bits},
            {"before", streamFigures(a)},
            {"after", streamFigures(b)},
            {"removed_stages", removedStages},
            {"removed_fifos", removedFifos}};
}

nlohmann::json fpgaConvNetFigures(const Model& model)
{
    fpgaconvnet::HardwareGraphOptions options;
    options.mergeFusedActivations = true;
    const fpgaconvnet::HardwareGraph g = fpgaconvnet::buildHardwareGraph(model, nullptr, options);
    const fpgaconvnet::ModelSettings settings;
    ResourceUsage total;
    double interval = 0;
    int relus = 0;
    for (const fpgaconvnet::HardwareLayer& l : g.layers) {
        const fpgaconvnet::Folding folding;
        interval = std::max(interval, fpgaconvnet::denseLatency(l, folding));
        total += fpgaconvnet::layerResources(l, folding, settings);
        relus += l.type == fpgaconvnet::LayerType::ReLU ? 1 : 0;
    }
    return {{"layers", g.layers.size()}, {"relu_layers", relus}, {"interval_cycles", interval}, {"dsp", total.dsp},
            {"bram18", total.bram18},    {"lut", total.lut},     {"ff", total.ff}};
}

template <typename F>
nlohmann::json orError(F&& f)
{
    try {
        return f();
    } catch (const ModelError& e) {
        return {{"error", e.reason()}};
    }
}

} // namespace

nlohmann::json fusionHardwareReport(const Model& before, const Model& after, int bits)
{
    return {{"hls4ml", orError([&] { return hls4mlReport(before, after, bits); })},
            {"fpgaconvnet", orError([&] {
                 return nlohmann::json{{"folding", "1 (every layer)"},
                                       {"before", fpgaConvNetFigures(before)},
                                       {"after", fpgaConvNetFigures(after)}};
             })}};
}

} // namespace foldwise::passes
