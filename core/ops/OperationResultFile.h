#pragma once

// An operation's result as JSON, for a front end that did not run it itself: a batch job
// leaves it beside its log (`foldwise-cli replay FILE --result-json R`), and the executor that
// submitted the job reads it back as if the operation had run here.
//   {"format": "foldwise-operation-result", "version": 1, "summary": "...", "interrupted": false,
//    "outputs": [{"kind": "profile", "path": "/abs/p.json"}, ...]}

#include "io/JsonReading.h"
#include "ops/Operation.h"

#include <filesystem>

namespace foldwise::ops {

nlohmann::json operationResultJson(const OperationResult& result);
void writeOperationResult(const std::filesystem::path& file, const OperationResult& result);
// Errors (ModelError) name the file and key.
OperationResult readOperationResultFile(const std::filesystem::path& file);

} // namespace foldwise::ops
