#pragma once

#include "ops/Operation.h"
#include "profile/FpgaConvNetExport.h"

namespace foldwise::ops {

// Imports a run log of the original ReLU-threshold scripts (runlog/<arch>) as a run directory.
struct RunlogImportParameters : OperationParameters {
    std::string dir;
    std::string sweep; // which sweep, when the folder holds several
    std::string outputDir;
};

// Writes one iteration of a sweep as an annotated ONNX model: its thresholds as ThresholdedRelu
// and its window histograms on the convolutions, runnable in onnxruntime.
struct RunlogExportParameters : OperationParameters {
    std::string runDir;
    int iteration = -1;
    std::string model; // default: the one the manifest names
    std::string output;
    AnnotationStyle annotateStyle = AnnotationStyle::FpgaConvNet;
};

const Operation& runlogImportOperation();
const Operation& runlogExportOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<RunlogImportParameters>& p);
OperationResult run(const RunlogImportParameters& p, OperationContext& context);
void describe(ParameterSpecs<RunlogExportParameters>& p);
OperationResult run(const RunlogExportParameters& p, OperationContext& context);

} // namespace foldwise::ops
