#pragma once

// FINN's estimate reports (build_dataflow_steps.step_generate_estimate_reports), as written to
// <output_dir>/report/:
//   estimate_layer_cycles.json      {node: cycles}
//   estimate_layer_resources.json   {node: {BRAM_18K, BRAM_efficiency, LUT, URAM, URAM_efficiency,
//                                    DSP}, "total": {BRAM_18K, LUT, URAM, DSP}}
//   estimate_network_performance.json {critical_path_cycles, max_cycles, max_cycles_node_name,
//                                    estimated_throughput_fps, estimated_latency_ns}
// FINN makes these before it inserts FIFOs, so they cover the dataflow nodes only; the FIFO
// estimates are in FinnDesign::networkEstimate().

#include "hw/finn/FinnDesign.h"

#include <filesystem>
#include <string>

namespace foldwise::finn {

std::string layerCyclesJson(const FinnDesign& design);
std::string layerResourcesJson(const FinnDesign& design);
std::string networkPerformanceJson(const FinnDesign& design);

// Writes the three files into `directory` (created if missing), each atomically
// (AtomicFileWriter). Errors are ModelErrors naming the file.
void writeEstimateReports(const FinnDesign& design, const std::filesystem::path& directory);

} // namespace foldwise::finn
