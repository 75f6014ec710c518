#pragma once

#include "ops/Operation.h"

namespace foldwise::ops {

// A model pass that writes the transformed model and, optionally, its JSON report.
struct PassParameters : OperationParameters {
    std::string model;
    std::string output;
    std::string report;
    int bits = 16; // fuse: hls4ml precision for the FIFO widths in the report
};

// BatchNormalization folded into the Conv/Gemm before it.
const Operation& foldBatchNormOperation();
// Conv/Gemm + ReLU fused into one dataflow stage (hls4ml's merged ReLU).
const Operation& fuseReluOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describePass(ParameterSpecs<PassParameters>& p);
void describeFusion(ParameterSpecs<PassParameters>& p);
OperationResult foldBatchNorms(const PassParameters& p, OperationContext& context);
OperationResult fuseRelus(const PassParameters& p, OperationContext& context);

} // namespace foldwise::ops
