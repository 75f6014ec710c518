#include "hw/fpgaconvnet/Fidelity.h"

#include "io/CsvText.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <sstream>

namespace foldwise::fpgaconvnet {
namespace {

Evaluator evaluatorFor(Design d, CostModel model)
{
    d.settings.costModel = model;
    return Evaluator(std::move(d));
}

nlohmann::json resources(const ResourceUsage& r)
{
    return {{"DSP", r.dsp}, {"BRAM", r.bram18}, {"LUT", r.lut}, {"FF", r.ff}};
}

nlohmann::json differences(const ResourceUsage& n, const ResourceUsage& c)
{
    return {{"DSP", relativeDifference(n.dsp, c.dsp)},
            {"BRAM", relativeDifference(n.bram18, c.bram18)},
            {"LUT", relativeDifference(n.lut, c.lut)},
            {"FF", relativeDifference(n.ff, c.ff)}};
}

// JSON has no infinity: an unbounded difference is null.
nlohmann::json finite(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

} // namespace

double relativeDifference(double native, double compatible)
{
    if (compatible == 0)
        return native == 0 ? 0.0 : std::numeric_limits<double>::infinity();
    return native / compatible - 1.0;
}

FidelityReport fidelityReport(const Design& design)
{
    const Evaluator native = evaluatorFor(design, CostModel::Native);
    const Evaluator compatible = evaluatorFor(design, CostModel::Compatible);
    FidelityReport r;
    ResourceUsage layerSum;
    for (std::size_t i = 0; i < native.layerCount(); ++i) {
        const HardwareLayer& l = design.graph.layers[i];
        LayerFidelity f;
        f.name = l.name;
        f.type = layerTypeName(l.type);
        f.sparse = native.layerSparse(i);
        f.nativeCycles = native.layerLatency(i);
        f.compatibleCycles = compatible.layerLatency(i);
        f.native = native.layerResources(i);
        f.compatible = compatible.layerResources(i);
        layerSum += f.compatible;
        r.layers.push_back(std::move(f));
    }
    ResourceUsage partitions;
    for (std::size_t p = 0; p < compatible.partitionCount(); ++p)
        partitions += compatible.partitionResources(p);
    r.squeezes = {partitions.dsp - layerSum.dsp, partitions.bram18 - layerSum.bram18, partitions.lut - layerSum.lut,
                  partitions.ff - layerSum.ff, partitions.uram - layerSum.uram};
    const NetworkEstimate n = native.estimate(), c = compatible.estimate();
    r.nativeFps = n.throughputFps;
    r.compatibleFps = c.throughputFps;
    r.nativeCycles = n.latencyCycles;
    r.compatibleCycles = c.latencyCycles;
    r.nativeTotal = n.total;
    r.compatibleTotal = c.total;
    r.compatibleInfeasibility = compatible.infeasibility();
    return r;
}

nlohmann::json fidelityJson(const FidelityReport& r)
{
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerFidelity& l : r.layers)
        layers.push_back({{"layer", l.name},
                          {"type", l.type},
                          {"sparse", l.sparse},
                          {"native", {{"cycles", l.nativeCycles}, {"resources", resources(l.native)}}},
                          {"compatible", {{"cycles", l.compatibleCycles}, {"resources", resources(l.compatible)}}},
                          {"difference",
                           {{"cycles", finite(relativeDifference(l.nativeCycles, l.compatibleCycles))},
                            {"resources", differences(l.native, l.compatible)}}}});
    for (auto& l : layers)
        for (auto& [key, value] : l["difference"]["resources"].items())
            if (value.is_number_float() && !std::isfinite(value.get<double>()))
                value = nullptr;
    return {{"layers", layers},
            {"squeezes", resources(r.squeezes)},
            {"network",
             {{"native", {{"throughput_fps", r.nativeFps}, {"cycles", r.nativeCycles}, {"resources", resources(r.nativeTotal)}}},
              {"compatible",
               {{"throughput_fps", r.compatibleFps},
                {"cycles", r.compatibleCycles},
                {"resources", resources(r.compatibleTotal)},
                {"feasible", r.compatibleInfeasibility.empty()},
                {"infeasibility", r.compatibleInfeasibility}}}}}};
}

std::string fidelityCsv(const FidelityReport& r)
{
    std::ostringstream out;
    out.precision(10);
    out << "layer,type,sparse,native_cycles,compatible_cycles,cycles_diff,native_dsp,compatible_dsp,dsp_diff,"
           "native_bram18,compatible_bram18,bram18_diff,native_lut,compatible_lut,lut_diff,native_ff,compatible_ff,ff_diff\n";
    const auto triple = [&](double n, double c) { out << ',' << n << ',' << c << ',' << relativeDifference(n, c); };
    for (const LayerFidelity& l : r.layers) {
        out << csvField(l.name) << ',' << l.type << ',' << (l.sparse ? 1 : 0);
        triple(l.nativeCycles, l.compatibleCycles);
        triple(l.native.dsp, l.compatible.dsp);
        triple(l.native.bram18, l.compatible.bram18);
        triple(l.native.lut, l.compatible.lut);
        triple(l.native.ff, l.compatible.ff);
        out << '\n';
    }
    return out.str();
}

} // namespace foldwise::fpgaconvnet
