#include "hw/finn/EstimateReports.h"

#include "hw/ReportTable.h"
#include "model/ModelError.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <system_error>

namespace foldwise::finn {
namespace {

using ojson = nlohmann::ordered_json;

// FINN's estimate functions return Python ints for counts; keep them integers in the JSON.
ojson count(double v)
{
    if (std::trunc(v) == v && std::fabs(v) < 9e15)
        return static_cast<int64_t>(v);
    return v;
}

// The efficiency is the int 1 when no memory was allocated, else a float.
ojson efficiency(double allocated, double value)
{
    if (allocated == 0)
        return 1;
    return value;
}

} // namespace

std::string layerCyclesJson(const FinnDesign& design)
{
    ojson j = ojson::object();
    for (std::size_t i = 0; i < design.size(); ++i)
        j[design.node(i).name] = design.estimate(i).cycles;
    return j.dump(2) + "\n";
}

std::string layerResourcesJson(const FinnDesign& design)
{
    ojson j = ojson::object();
    for (std::size_t i = 0; i < design.size(); ++i) {
        const NodeEstimate& e = design.estimate(i);
        ojson r = ojson::object();
        r["BRAM_18K"] = count(e.bram18);
        r["BRAM_efficiency"] = efficiency(e.bram18, e.bramEfficiency);
        r["LUT"] = count(e.lut);
        r["URAM"] = count(e.uram);
        r["URAM_efficiency"] = efficiency(e.uram, e.uramEfficiency);
        r["DSP"] = count(e.dsp);
        j[design.node(i).name] = r;
    }
    // aggregate_dict_keys: the non-efficiency keys summed as floats.
    const ResourceUsage& t = design.nodeResources();
    ojson total = ojson::object();
    total["BRAM_18K"] = t.bram18;
    total["LUT"] = t.lut;
    total["URAM"] = t.uram;
    total["DSP"] = t.dsp;
    j["total"] = total;
    return j.dump(2) + "\n";
}

std::string networkPerformanceJson(const FinnDesign& design)
{
    ojson j = ojson::object();
    j["critical_path_cycles"] = design.criticalPathCycles();
    j["max_cycles"] = design.maxCycles();
    const int b = design.bottleneck();
    j["max_cycles_node_name"] = b >= 0 ? design.node(static_cast<std::size_t>(b)).name : "";
    j["estimated_throughput_fps"] = design.throughputFps();
    j["estimated_latency_ns"] = design.latencyNs();
    return j.dump(2) + "\n";
}

void writeEstimateReports(const FinnDesign& design, const std::filesystem::path& directory)
{
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec)
        throw ModelError(directory.string(), "cannot create the report folder: " + ec.message());
    writeTextFile(directory / "estimate_layer_cycles.json", layerCyclesJson(design));
    writeTextFile(directory / "estimate_layer_resources.json", layerResourcesJson(design));
    writeTextFile(directory / "estimate_network_performance.json", networkPerformanceJson(design));
}

} // namespace foldwise::finn
