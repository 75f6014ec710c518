#pragma once

#include "ops/Operation.h"
#include "profile/FpgaConvNetExport.h"

namespace foldwise::ops {

// Merges the activation profiles of disjoint shards of one calibration set into one.
struct MergeParameters : OperationParameters {
    std::vector<std::string> profiles;
    std::string output;
    std::string csv; // also fpgaConvNet's sparsity log of the merged profile
    // Also the model annotated with the merged profile (as profile --annotate writes it); the
    // model is the profiled one, by default the file the profiles name.
    std::string annotate;
    AnnotationStyle annotateStyle = AnnotationStyle::FpgaConvNet;
    std::string model;
};

const Operation& mergeOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<MergeParameters>& p);
OperationResult run(const MergeParameters& p, OperationContext& context);

} // namespace foldwise::ops
