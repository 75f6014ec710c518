#pragma once

#include "ops/Operation.h"

namespace foldwise::ops {

// A model's per-layer table (shapes, MACs, parameters) as text, JSON or CSV; optionally the
// model with its constant subgraphs folded, as onnx-simplifier writes it.
struct InspectParameters : OperationParameters {
    std::string model;
    std::vector<std::string> inputShapes; // "input:1,3,224,224"
    bool json = false;
    bool csv = false;
    bool simplify = false;
    std::string output; // where --simplify writes
};

const Operation& inspectOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<InspectParameters>& p);
void checkTogether(const InspectParameters& p);
OperationResult run(const InspectParameters& p, OperationContext& context);

} // namespace foldwise::ops
