#pragma once

// Grids of experiments: one operation (sweep or optimise) run at every combination of the values
// listed in a grid file, each point in its own folder, and one table of what every point gave.
//
//   # grid.toml
//   operation = "optimise"
//   output = "platforms"            # the grid's folder (relative to this file); default <stem>.grid
//   [parameters]                    # every point's parameters, as in an operation file
//   model = "digits_cnn.onnx"       # relative paths are relative to this file
//   moves = 2000
//   [axes]                          # the values to combine: 2 x 2 = 4 points
//   platform = ["zcu102", "zc706"]
//   style = ["fpgaconvnet", "finn"]
//
// The grid's folder holds grid.json (the plan: each point's values and operation request),
// point-K/ (each point's outputs and result.json) and table.csv / table.json (one row per point:
// its values and metrics). A point whose result.json exists is not run again, so a grid that
// was stopped continues where it was.

#include "ops/Operation.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace foldwise::ops {

struct GridParameters : OperationParameters {
    std::string grid;      // the grid file (TOML)
    std::string outputDir; // default: the file's `output`
};

// One point of a planned grid: what a Slurm array task runs.
struct GridPointParameters : OperationParameters {
    std::string plan; // the grid's grid.json
    std::uint64_t point = 0;
};

// The table of a planned grid's points, from their result files: the Slurm run's merge.
struct GridTableParameters : OperationParameters {
    std::string plan;
};

const Operation& gridOperation();
const Operation& gridPointOperation();
const Operation& gridTableOperation();

struct GridPoint {
    std::string name;            // "point-003", its folder's name
    nlohmann::json values;       // the axes' values at this point, by key
    nlohmann::json request;      // the operation request (ops/OperationRegistry.h), paths absolute
};

struct GridPlan {
    std::filesystem::path folder;
    std::string operation;
    std::vector<std::string> axes; // the axes' keys, in the file's order
    std::vector<GridPoint> points;
};

// Reads a grid file and lays out its points (nothing is written); errors name the file and
// key, or the point and parameter ("grid.toml: point-002: parameters.batch must be ...").
GridPlan planGrid(const std::filesystem::path& gridFile, const std::string& outputDir = {});
// Writes grid.json into the plan's folder; a folder holding another grid is refused.
void writeGridPlan(const GridPlan& plan);
GridPlan readGridPlan(const std::filesystem::path& planFile);
std::filesystem::path gridPlanFile(const GridPlan& plan);

// Its parts, put together in ops/OperationRegistry.cpp.
void describe(ParameterSpecs<GridParameters>& p);
OperationResult run(const GridParameters& p, OperationContext& context);
void describe(ParameterSpecs<GridPointParameters>& p);
OperationResult run(const GridPointParameters& p, OperationContext& context);
void describe(ParameterSpecs<GridTableParameters>& p);
OperationResult run(const GridTableParameters& p, OperationContext& context);

} // namespace foldwise::ops
