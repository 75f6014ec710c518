#pragma once

#include "ops/Operation.h"

namespace foldwise::ops {

// Induced ReLUs (ReLU sharing): layers share an earlier ReLU's sign decisions through prototype
// units chosen on calibration data.
struct InduceParameters : OperationParameters {
    std::string model;
    std::string mapping;
    std::vector<std::int64_t> prototypes; // per inducer, in mapping order
    std::string data;
    std::string labels;
    std::uint64_t seed = 0;
    std::string output;
    std::string report;
    std::string choosingDir;
    bool noAccuracy = false;
};

const Operation& induceOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<InduceParameters>& p);
OperationResult run(const InduceParameters& p, OperationContext& context);

} // namespace foldwise::ops
