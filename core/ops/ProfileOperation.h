#pragma once

#include "ops/Operation.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/ProfileFile.h"

namespace foldwise::ops {

// Profiles activation sparsity over calibration data (one shard of it, or all), with fpgaConvNet's
// sparsity log and the annotated model as optional extras.
struct ProfileParameters : OperationParameters {
    std::string model;
    std::string data;
    std::string labels;
    std::uint64_t limit = 0;
    std::uint64_t batch = 8;
    std::uint64_t threads = 0;
    std::string shard = "0/1";
    std::string thresholds;
    std::string output;
    std::string csv;
    std::string annotate;
    AnnotationStyle annotateStyle = AnnotationStyle::FpgaConvNet;
    std::uint64_t inlineLimit = ProfileWriteOptions{}.inlineValueLimit;
};

const Operation& profileOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<ProfileParameters>& p);
void checkTogether(const ProfileParameters& p);
OperationResult run(const ProfileParameters& p, OperationContext& context);

} // namespace foldwise::ops
