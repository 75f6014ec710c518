#include "hw/ReportTable.h"

#include "io/AtomicFileWriter.h"
#include "io/CsvText.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace foldwise {
namespace {

nlohmann::json resourcesJson(const ResourceUsage& r)
{
    return {{"DSP", r.dsp}, {"BRAM18", r.bram18}, {"LUT", r.lut}, {"FF", r.ff}, {"URAM", r.uram}};
}

} // namespace

std::string layerTableCsv(const NetworkEstimate& e)
{
    std::string csv = "layer,onnx_node,type,folding,cycles_dense,cycles,sparse,DSP,BRAM18,LUT,FF,URAM,bottleneck\n";
    for (std::size_t i = 0; i < e.layers.size(); ++i) {
        const LayerEstimate& l = e.layers[i];
        csv += csvField(l.name) + "," + csvField(l.onnxNode) + "," + csvField(l.type) + "," + csvField(l.folding) + ","
            + shortestNumber(l.cyclesDense) + "," + shortestNumber(l.cycles) + "," + (l.sparse ? "1" : "0") + "," + shortestNumber(l.resources.dsp)
            + "," + shortestNumber(l.resources.bram18) + "," + shortestNumber(l.resources.lut) + "," + shortestNumber(l.resources.ff) + ","
            + shortestNumber(l.resources.uram) + "," + (i == e.bottleneck ? "1" : "0") + "\n";
    }
    return csv;
}

nlohmann::json networkEstimateJson(const NetworkEstimate& e)
{
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t i = 0; i < e.layers.size(); ++i) {
        const LayerEstimate& l = e.layers[i];
        layers.push_back({{"layer", l.name}, {"onnx_node", l.onnxNode}, {"type", l.type}, {"folding", l.folding},
                          {"cycles_dense", l.cyclesDense}, {"cycles", l.cycles}, {"sparse", l.sparse},
                          {"resources", resourcesJson(l.resources)}, {"bottleneck", i == e.bottleneck}});
    }
    return {{"layers", layers},
            {"network",
             {{"interval_cycles", e.intervalCycles}, {"latency_cycles", e.latencyCycles}, {"clock_mhz", e.clockMhz},
              {"batch", e.batch}, {"latency_s", e.latencySeconds}, {"throughput_fps", e.throughputFps},
              {"partitions", e.partitions}, {"bottleneck", e.layers.empty() ? "" : e.layers[e.bottleneck].name},
              {"resources", resourcesJson(e.total)}}}};
}

std::string layerTableText(const NetworkEstimate& e)
{
    std::string out;
    char line[512];
    std::snprintf(line, sizeof line, "%-28s %-15s %-44s %12s %12s %7s %7s %9s %9s\n", "layer", "type", "folding",
                  "cycles", "dense", "DSP", "BRAM18", "LUT", "FF");
    out += line;
    for (std::size_t i = 0; i < e.layers.size(); ++i) {
        const LayerEstimate& l = e.layers[i];
        std::snprintf(line, sizeof line, "%-28s %-15s %-44s %12.0f %12.0f %7.0f %7.0f %9.0f %9.0f%s\n", l.name.c_str(),
                      l.type.c_str(), l.folding.c_str(), l.cycles, l.cyclesDense, l.resources.dsp, l.resources.bram18,
                      l.resources.lut, l.resources.ff, i == e.bottleneck ? "  <- bottleneck" : (l.sparse ? "  (sparse)" : ""));
        out += line;
    }
    std::snprintf(line, sizeof line,
                  "\ninterval %.0f cycles, batch %lld, latency %.6g s, throughput %.6g FPS at %.0f MHz, %d partition(s)\n"
                  "resources: DSP %.0f, BRAM18 %.0f, LUT %.0f, FF %.0f, URAM %.0f\n",
                  e.intervalCycles, static_cast<long long>(e.batch), e.latencySeconds, e.throughputFps, e.clockMhz,
                  e.partitions, e.total.dsp, e.total.bram18, e.total.lut, e.total.ff, e.total.uram);
    out += line;
    return out;
}

void writeTextFile(const std::filesystem::path& file, const std::string& text)
{
    AtomicFileWriter writer(file);
    writer.write(text.data(), text.size());
    writer.commit();
}

} // namespace foldwise
