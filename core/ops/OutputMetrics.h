#pragma once

// The numbers an engineer compares runs by, read back from what an operation wrote: a design's
// throughput, latency and resources (fpgaConvNet's report.json, FINN's estimate reports), a
// sweep's first and last iteration (its summary.csv). For tables over many runs (grids).

#include "ops/Operation.h"

#include <string>
#include <utility>
#include <vector>

namespace foldwise::ops {

using Metrics = std::vector<std::pair<std::string, double>>;

// The metrics of every output the result lists that has some; empty when none does.
Metrics outputMetrics(const OperationResult& result);

} // namespace foldwise::ops
