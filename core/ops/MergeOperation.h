#pragma once

#include "ops/Operation.h"

namespace foldwise::ops {

// Merges the activation profiles of disjoint shards of one calibration set into one.
struct MergeParameters : OperationParameters {
    std::vector<std::string> profiles;
    std::string output;
    std::string csv; // also fpgaConvNet's sparsity log of the merged profile
};

const Operation& mergeOperation();

} // namespace foldwise::ops
