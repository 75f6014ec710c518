#pragma once

#include "ops/Operation.h"

namespace foldwise::ops {

// Runs a model on input tensors (.npy or TensorProto .pb) and writes each output as .npy.
struct RunParameters : OperationParameters {
    std::string model;
    std::vector<std::string> inputs;      // NAME=FILE
    std::vector<std::string> inputShapes; // "input:1,3,224,224"
    std::string outputDir;
};

const Operation& runOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<RunParameters>& p);
void checkTogether(const RunParameters& p);
OperationResult run(const RunParameters& p, OperationContext& context);

} // namespace foldwise::ops
