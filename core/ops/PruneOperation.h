#pragma once

#include "ops/Operation.h"
#include "passes/ChannelSelection.h"

namespace foldwise::ops {

// Structured channel pruning (BN |gamma| or filter L1 scores) with the weights shrunk, and the
// pruned model's predicted hardware and (with data) accuracy beside the original's.
struct PruneParameters : OperationParameters {
    std::string model;
    passes::PruneCriterion criterion = passes::PruneCriterion::Global;
    double rate = 0;              // used when given
    std::int64_t targetParams = 0; // used when given
    std::vector<std::int64_t> simd;
    std::string data;
    std::string labels;
    std::string platform = "zcu102";
    std::string style = "both"; // fpgaconvnet | finn | both
    std::string output;
    std::string report;
    std::string recipe;
    std::uint64_t batch = 32;
};

const Operation& pruneOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<PruneParameters>& p);
void checkTogether(const PruneParameters& p);
OperationResult run(const PruneParameters& p, OperationContext& context);

} // namespace foldwise::ops
