#pragma once

// What every model pass writes: the transformed model and, when asked, its JSON report.

#include "ops/Operation.h"
#include "passes/PassResult.h"

#include <string>

namespace foldwise::ops {

// Writes the model to `output` and the report to `report` (when not empty); lists them.
OperationResult writePassOutputs(const passes::PassResult& result, const std::string& output, const std::string& report);

// The pass's notes, one "note: ..." line each, as its result text starts.
std::string noteLines(const passes::PassResult& result);

} // namespace foldwise::ops
