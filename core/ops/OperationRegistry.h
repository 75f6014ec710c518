#pragma once

// Every operation, by id; and operations as JSON documents:
//   {"format": "foldwise-operation", "version": 1, "operation": "profile", "parameters": {...}}
// which a replay (foldwise-cli replay FILE), a project's log and a batch job run alike.

#include "ops/Operation.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace foldwise::ops {

// In the order the CLI lists them.
const std::vector<const Operation*>& allOperations();
// The parts of operations that only batch jobs run (a grid's points and table): not listed by
// the front ends, found by findOperation.
const std::vector<const Operation*>& batchOperations();
// nullptr for an unknown id.
const Operation* findOperation(std::string_view id);

// An operation and its parameters, read from a JSON document; `source` names it in errors.
struct OperationRequest {
    const Operation* operation = nullptr;
    std::unique_ptr<OperationParameters> parameters;
};
OperationRequest readOperationRequest(const nlohmann::json& document, const std::string& source);
OperationRequest readOperationRequestFile(const std::filesystem::path& file);
nlohmann::json operationRequestJson(const Operation& operation, const OperationParameters& parameters);

// Reads the request and runs it; a ParameterError becomes a ModelError naming `source` and the
// parameter ("run.json: parameters.batch must be greater than 0, not 0").
OperationResult runOperationRequest(const nlohmann::json& document, const std::string& source, OperationContext& context);

} // namespace foldwise::ops
