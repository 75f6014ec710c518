#include "ops/OperationRegistry.h"

#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "ops/EvaluateOperation.h"
#include "ops/GridOperation.h"
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

// Every operation, put together from its parts (each XOperation.cpp defines describe, run and,
// where parameters must agree, checkTogether, overloaded on its parameter struct).
const std::vector<const Operation*>& allOperations()
{
    static const OperationOf<InspectParameters> inspect(
        {"inspect", "Inspect a model", "Per-layer table of an ONNX model: shapes, MACs, parameters"}, describe, run,
        checkTogether);
    static const OperationOf<RunParameters> runModel(
        {"run", "Run a model", "Run a model on input tensors and write its outputs as .npy"}, describe, run, checkTogether);
    static const OperationOf<ProfileParameters> profile(
        {"profile", "Profile activation sparsity", "Profile activation sparsity over calibration data"}, describe, run,
        checkTogether);
    static const OperationOf<MergeParameters> merge(
        {"merge", "Merge profiles", "Merge activation profiles of disjoint shards into one"}, describe, run);
    static const OperationOf<OptimiseParameters> optimise(
        {"optimise", "Optimise the folding", "Search the folding of a streaming accelerator for a device"}, describe, run,
        checkTogether);
    static const OperationOf<EvaluateParameters> evaluate(
        {"evaluate", "Evaluate a design", "Evaluate a saved design (Foldwise design.json or fpgaConvNet config.json)"},
        describe, run, checkTogether);
    static const OperationOf<SweepParameters> sweepThresholds(
        {"sweep", "Sweep ReLU thresholds", "Raise ReLU thresholds step by step: accuracy, sparsity and throughput"},
        describe, run);
    static const OperationOf<RunlogImportParameters> runlogImport(
        {"runlog-import", "Import a run log", "Import a run log of the original ReLU-threshold scripts"}, describe, run);
    static const OperationOf<RunlogExportParameters> runlogExport(
        {"runlog-export", "Export a sweep iteration", "Write one iteration of a sweep as an annotated ONNX model"}, describe,
        run);
    static const OperationOf<PassParameters> foldBatchNorm(
        {"fold-bn", "Fold BatchNorm in", "Fold BatchNormalization into the Conv/Gemm before it"}, describePass,
        foldBatchNorms);
    static const OperationOf<PassParameters> fuseRelu(
        {"fuse", "Fuse Conv + ReLU", "Fuse Conv/Gemm + ReLU into one dataflow stage (hls4ml's merged ReLU)"},
        describeFusion, fuseRelus);
    static const OperationOf<PruneParameters> prune(
        {"prune", "Prune channels", "Structured channel pruning (BN |gamma| or filter L1 scores), weights shrunk"},
        describe, run, checkTogether);
    static const OperationOf<InduceParameters> induce(
        {"induce", "Induce ReLUs", "Induced ReLUs: layers share an earlier ReLU's sign decisions (ReLU sharing)"},
        describe, run);
    static const OperationOf<GridParameters> grid(
        {"grid", "Run a grid", "Run a sweep or optimisation at every combination of a grid file's axes, with a table"},
        describe, run);
    static const std::vector<const Operation*> operations = {
        &inspect,      &runModel,     &profile,       &merge,    &optimise, &evaluate, &sweepThresholds,
        &runlogImport, &runlogExport, &foldBatchNorm, &fuseRelu, &prune,    &induce,   &grid,
    };
    return operations;
}

// The parts of operations that batch jobs run (a grid's points and its table, as Slurm array
// tasks and their merge): operation files name them, front ends do not list them.
const std::vector<const Operation*>& batchOperations()
{
    static const OperationOf<GridPointParameters> gridPoint(
        {"grid-point", "Run a grid point", "Run one point of a planned grid (grid.json)"}, describe, run);
    static const OperationOf<GridTableParameters> gridTable(
        {"grid-table", "Tabulate a grid", "Write the table of a planned grid's points"}, describe, run);
    static const std::vector<const Operation*> operations = {&gridPoint, &gridTable};
    return operations;
}

// The accessors the front ends use by name.
const Operation& inspectOperation() { return *findOperation("inspect"); }
const Operation& runOperation() { return *findOperation("run"); }
const Operation& profileOperation() { return *findOperation("profile"); }
const Operation& mergeOperation() { return *findOperation("merge"); }
const Operation& optimiseOperation() { return *findOperation("optimise"); }
const Operation& evaluateOperation() { return *findOperation("evaluate"); }
const Operation& sweepOperation() { return *findOperation("sweep"); }
const Operation& runlogImportOperation() { return *findOperation("runlog-import"); }
const Operation& runlogExportOperation() { return *findOperation("runlog-export"); }
const Operation& foldBatchNormOperation() { return *findOperation("fold-bn"); }
const Operation& fuseReluOperation() { return *findOperation("fuse"); }
const Operation& pruneOperation() { return *findOperation("prune"); }
const Operation& induceOperation() { return *findOperation("induce"); }

const Operation* findOperation(std::string_view id)
{
    for (const auto* list : {&allOperations(), &batchOperations()})
        for (const Operation* operation : *list)
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
