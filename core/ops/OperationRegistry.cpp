#include "ops/OperationRegistry.h"

#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "ops/EvaluateOperation.h"
#include "ops/InduceOperation.h"
#include "ops/InspectOperation.h"
#include "ops/MergeOperation.h"
#include "ops/OptimiseOperation.h"
#include "ops/PassOperations.h"
#include "ops/ProfileOperation.h"
#include "ops/PruneOperation.h"
#include "ops/RunOperation.h"
#include "ops/RunlogOperations.h"
#include "ops/SweepOperation.h"

namespace foldwise::ops {
namespace {

constexpr const char* kFormat = "foldwise-operation";
constexpr int kVersion = 1;

} // namespace

const std::vector<const Operation*>& allOperations()
{
    static const std::vector<const Operation*> operations = {
        &inspectOperation(),        &runOperation(),           &profileOperation(),
        &mergeOperation(),          &optimiseOperation(),      &evaluateOperation(),
        &sweepOperation(),          &runlogImportOperation(),  &runlogExportOperation(),
        &foldBatchNormOperation(),  &fuseReluOperation(),      &pruneOperation(),
        &induceOperation(),
    };
    return operations;
}

const Operation* findOperation(std::string_view id)
{
    for (const Operation* operation : allOperations())
        if (operation->id() == id)
            return operation;
    return nullptr;
}

OperationRequest readOperationRequest(const nlohmann::json& document, const std::string& source)
{
    const JsonNode root(document, source);
    if (!root.isObject())
        root.fail("must be an operation file (a JSON object), not " + jsonTypeName(document));
    if (root.string("format", kFormat) != kFormat)
        root.at("format").fail(std::string("must be \"") + kFormat + "\"");
    if (root.integer("version", kVersion) != kVersion)
        root.at("version").fail("must be 1 (a newer Foldwise wrote this file?)");
    const JsonNode id = root.at("operation");
    OperationRequest request;
    request.operation = findOperation(id.string());
    if (!request.operation) {
        std::string known;
        for (const Operation* operation : allOperations())
            known += (known.empty() ? "" : ", ") + operation->id();
        id.fail("names no operation: the operations are " + known);
    }
    request.parameters = request.operation->defaultParameters();
    if (const auto parameters = root.find("parameters"))
        readParameters(request.operation->parameterSpecs(), *request.parameters, *parameters);
    return request;
}

OperationRequest readOperationRequestFile(const std::filesystem::path& file)
{
    return readOperationRequest(readJsonFile(file, "operation file"), file.string());
}

nlohmann::json operationRequestJson(const Operation& operation, const OperationParameters& parameters)
{
    return {{"format", kFormat},
            {"version", kVersion},
            {"operation", operation.id()},
            {"parameters", parametersJson(operation.parameterSpecs(), parameters, *operation.defaultParameters())}};
}

OperationResult runOperationRequest(const nlohmann::json& document, const std::string& source, OperationContext& context)
{
    OperationRequest request = readOperationRequest(document, source);
    try {
        return request.operation->run(*request.parameters, context);
    } catch (const ParameterError& e) {
        throw ModelError(source, "parameters." + e.key() + " " + e.what());
    }
}

} // namespace foldwise::ops
