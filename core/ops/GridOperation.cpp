#include "ops/GridOperation.h"

#include "hw/TomlJson.h"
#include "hw/ReportTable.h"
#include "io/CsvText.h"
#include "io/DocumentFormat.h"
#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "ops/OperationRegistry.h"
#include "ops/OperationResultFile.h"
#include "ops/OutputMetrics.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace foldwise::ops {
namespace fs = std::filesystem;

namespace {

constexpr const char* kPlanFormat = "foldwise-grid";
constexpr std::size_t kMostPoints = 10000;

std::string pointName(std::size_t index)
{
    char name[32];
    std::snprintf(name, sizeof name, "point-%03zu", index);
    return name;
}

// Relative paths in the grid file are relative to the file: inputs when they exist there
// (a calibration spec such as synthetic:64 is no file and stays), outputs always.
nlohmann::json resolvedPaths(const Operation& operation, nlohmann::json parameters, const fs::path& base)
{
    for (const ParameterSpec& spec : operation.parameterSpecs()) {
        if (spec.path == PathRole::None || !parameters.contains(spec.key))
            continue;
        const auto resolve = [&](nlohmann::json& value) {
            if (!value.is_string() || value.get<std::string>().empty() || fs::path(value.get<std::string>()).is_absolute())
                return;
            const fs::path there = base / value.get<std::string>();
            const bool output = spec.path == PathRole::OutputFile || spec.path == PathRole::OutputFolder;
            if (output || fs::exists(there))
                value = there.lexically_normal().string();
        };
        nlohmann::json& value = parameters[spec.key];
        if (value.is_array())
            for (nlohmann::json& element : value)
                resolve(element);
        else
            resolve(value);
    }
    return parameters;
}

bool hasParameter(const Operation& operation, const std::string& key)
{
    for (const ParameterSpec& spec : operation.parameterSpecs())
        if (spec.key == key)
            return true;
    return false;
}

std::string valueText(const nlohmann::json& value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

fs::path resultFile(const GridPlan& plan, const GridPoint& point)
{
    return plan.folder / point.name / "result.json";
}

const GridPoint& pointAt(const GridPlan& plan, std::uint64_t index, const std::string& source)
{
    if (index >= plan.points.size())
        throw ModelError(source, "has no point " + std::to_string(index) + " (it has " + std::to_string(plan.points.size())
                                     + ")");
    return plan.points[index];
}

// What a point's operation says: its result text (tables a person reads) goes to the point's
// output.txt, its notes and warnings to the grid's context with the point's name in front;
// cancelling the grid cancels the point.
class PointContext : public OperationContext {
public:
    PointContext(OperationContext& grid, std::string name)
        : OperationContext(*grid.cancelFlag()), grid_(grid), name_(std::move(name))
    {
    }
    void result(const std::string& text) override { text_ += text; }
    void note(const std::string& line) override { grid_.note(name_ + ": " + line); }
    void warning(const std::string& line) override { grid_.warning(name_ + ": " + line); }
    void progress(std::size_t, std::size_t, const char*) override {}
    const std::string& text() const { return text_; }

private:
    OperationContext& grid_;
    std::string name_;
    std::string text_;
};

OperationResult runPoint(const GridPlan& plan, const GridPoint& point, OperationContext& context)
{
    fs::create_directories(plan.folder / point.name);
    PointContext pointContext(context, point.name);
    OperationResult result = runOperationRequest(point.request, gridPlanFile(plan).string() + ": " + point.name, pointContext);
    writeTextFile(plan.folder / point.name / "output.txt", pointContext.text());
    // Last: a point counts as done once its result file is there.
    writeOperationResult(resultFile(plan, point), result);
    return result;
}

// table.csv and table.json: a row per point with its values, whether it ran, its metrics.
std::vector<OutputFile> writeTable(const GridPlan& plan, std::size_t& pointsDone)
{
    std::vector<std::string> metricNames;
    std::vector<Metrics> rows(plan.points.size());
    std::vector<std::string> summaries(plan.points.size());
    std::vector<bool> done(plan.points.size(), false);
    pointsDone = 0;
    for (std::size_t k = 0; k < plan.points.size(); ++k) {
        const fs::path file = resultFile(plan, plan.points[k]);
        if (!fs::exists(file))
            continue;
        const OperationResult result = readOperationResultFile(file);
        done[k] = true;
        ++pointsDone;
        summaries[k] = result.summary;
        rows[k] = outputMetrics(result);
        for (const auto& [name, value] : rows[k])
            if (std::find(metricNames.begin(), metricNames.end(), name) == metricNames.end())
                metricNames.push_back(name);
    }

    std::string csv = "point";
    for (const std::string& axis : plan.axes)
        csv += "," + csvField(axis);
    csv += ",status";
    for (const std::string& name : metricNames)
        csv += "," + csvField(name);
    csv += ",summary\n";
    nlohmann::json table = {{"format", "foldwise-grid-table"}, {"version", 1}, {"operation", plan.operation},
                            {"axes", plan.axes}, {"points", nlohmann::json::array()}};
    for (std::size_t k = 0; k < plan.points.size(); ++k) {
        const GridPoint& point = plan.points[k];
        csv += point.name;
        for (const std::string& axis : plan.axes)
            csv += "," + csvField(valueText(point.values.at(axis)));
        csv += done[k] ? ",done" : ",not run";
        nlohmann::json metrics = nlohmann::json::object();
        for (const std::string& name : metricNames) {
            csv += ",";
            for (const auto& [n, value] : rows[k])
                if (n == name) {
                    csv += shortestNumber(value);
                    metrics[name] = value;
                }
        }
        csv += "," + csvField(summaries[k]) + "\n";
        table["points"].push_back({{"name", point.name}, {"values", point.values}, {"done", bool(done[k])},
                                   {"metrics", metrics}, {"summary", summaries[k]}});
    }
    writeTextFile(plan.folder / "table.csv", csv);
    writeTextFile(plan.folder / "table.json", table.dump(2) + "\n");
    return {{OutputKind::Table, plan.folder / "table.csv"}, {OutputKind::Table, plan.folder / "table.json"}};
}

OperationResult tableResult(const GridPlan& plan, OperationContext& context)
{
    std::size_t done = 0;
    OperationResult result;
    result.outputs = writeTable(plan, done);
    result.outputs.push_back({OutputKind::Folder, plan.folder});
    result.summary = "Grid of " + std::to_string(plan.points.size()) + " " + plan.operation + " points ("
        + std::to_string(done) + " done); table written to " + (plan.folder / "table.csv").string();
    context.result("grid: " + std::to_string(done) + " of " + std::to_string(plan.points.size()) + " points done -> "
                   + (plan.folder / "table.csv").string() + "\n");
    return result;
}

} // namespace

const Operation& gridOperation() { return *findOperation("grid"); }
const Operation& gridPointOperation() { return *findOperation("grid-point"); }
const Operation& gridTableOperation() { return *findOperation("grid-table"); }

fs::path gridPlanFile(const GridPlan& plan)
{
    return plan.folder / "grid.json";
}

GridPlan planGrid(const fs::path& gridFile, const std::string& outputDir)
{
    const std::string source = gridFile.string();
    const nlohmann::json document = readTomlAsJson(gridFile);
    const JsonNode root(document, source);
    const fs::path base = fs::absolute(gridFile).parent_path();

    GridPlan plan;
    plan.operation = root.at("operation").string();
    const Operation* operation = findOperation(plan.operation);
    if (!operation || !hasParameter(*operation, "output_dir"))
        root.at("operation").fail("must be an operation that writes an output folder (sweep, optimise), not \""
                                  + shortText(plan.operation) + "\"");
    if (!outputDir.empty())
        plan.folder = fs::absolute(outputDir).lexically_normal();
    else if (const std::optional<JsonNode> output = root.find("output"))
        plan.folder = (base / output->string()).lexically_normal();
    else
        plan.folder = (base / (gridFile.stem().string() + ".grid")).lexically_normal();

    nlohmann::json shared = nlohmann::json::object();
    if (const std::optional<JsonNode> parameters = root.find("parameters")) {
        if (!parameters->isObject())
            parameters->fail("must be a table of parameters");
        shared = parameters->raw();
    }
    for (const char* reserved : {"output_dir", "resume"})
        if (shared.contains(reserved))
            root.at("parameters").at(reserved).fail("is set by the grid for each point; remove it");

    // The axes, in key order (TOML tables have no order of their own here).
    std::vector<std::vector<nlohmann::json>> values;
    const JsonNode axes = root.at("axes");
    for (const auto& [key, axis] : axes.members()) {
        if (shared.contains(key))
            axis.fail("is also a shared parameter; give it in one place");
        if (key == "output_dir" || key == "resume")
            axis.fail("is set by the grid for each point; it cannot be an axis");
        const std::vector<JsonNode> elements = axis.elements();
        if (elements.empty())
            axis.fail("must list at least one value");
        plan.axes.push_back(key);
        values.emplace_back();
        for (const JsonNode& element : elements)
            values.back().push_back(element.raw());
    }
    if (plan.axes.empty())
        axes.fail("must list at least one axis");
    std::size_t count = 1;
    for (const auto& axis : values) {
        count *= axis.size();
        if (count > kMostPoints)
            axes.fail("make more than " + std::to_string(kMostPoints) + " points");
    }

    for (std::size_t k = 0; k < count; ++k) {
        GridPoint point;
        point.name = pointName(k);
        point.values = nlohmann::json::object();
        nlohmann::json parameters = shared;
        // The last axis varies fastest, as nested loops over the axes in order would.
        std::size_t rest = k;
        for (std::size_t a = values.size(); a-- > 0;) {
            const nlohmann::json& value = values[a][rest % values[a].size()];
            rest /= values[a].size();
            point.values[plan.axes[a]] = value;
            parameters[plan.axes[a]] = value;
        }
        parameters = resolvedPaths(*operation, parameters, base);
        parameters["output_dir"] = (plan.folder / point.name).string();
        const nlohmann::json request = {{"format", "foldwise-operation"}, {"version", 1},
                                        {"operation", plan.operation}, {"parameters", parameters}};
        // Checked now, so that a bad value fails the grid before any point runs.
        OperationRequest checked = readOperationRequest(request, source + ": " + point.name);
        try {
            checked.operation->check(*checked.parameters);
        } catch (const ParameterError& e) {
            throw ModelError(source, point.name + ": parameters." + e.key() + " " + e.what());
        }
        point.request = operationRequestJson(*checked.operation, *checked.parameters);
        plan.points.push_back(std::move(point));
    }
    return plan;
}

namespace {

nlohmann::json pointsJson(const GridPlan& plan)
{
    nlohmann::json points = nlohmann::json::array();
    for (const GridPoint& point : plan.points)
        points.push_back({{"name", point.name}, {"values", point.values}, {"request", point.request}});
    return points;
}

} // namespace

void writeGridPlan(const GridPlan& plan)
{
    const nlohmann::json points = pointsJson(plan);
    const nlohmann::json document = {{"format", kPlanFormat}, {"version", 1}, {"operation", plan.operation},
                                     {"axes", plan.axes}, {"points", points}};
    const fs::path file = gridPlanFile(plan);
    if (fs::exists(file)) {
        const GridPlan existing = readGridPlan(file);
        if (existing.operation != plan.operation || pointsJson(existing) != points)
            throw ModelError(plan.folder.string(), "holds another grid (grid.json differs): choose another output "
                                                   "folder, or remove this one to start again");
        return; // the same grid: its finished points stand
    }
    fs::create_directories(plan.folder);
    writeTextFile(file, document.dump(2) + "\n");
}

GridPlan readGridPlan(const fs::path& planFile)
{
    const nlohmann::json document = readJsonFile(planFile, "grid plan");
    const JsonNode root(document, planFile.string());
    requireDocumentFormat(root, kPlanFormat, 1);
    GridPlan plan;
    plan.folder = fs::absolute(planFile).parent_path();
    plan.operation = root.at("operation").string();
    for (const JsonNode& axis : root.at("axes").elements())
        plan.axes.push_back(axis.string());
    for (const JsonNode& p : root.at("points").elements()) {
        GridPoint point;
        point.name = p.at("name").string();
        if (point.name.empty() || point.name.find_first_of("/\\") != std::string::npos || point.name[0] == '.')
            p.at("name").fail("must be a plain folder name");
        const JsonNode values = p.at("values");
        for (const std::string& axis : plan.axes)
            values.at(axis);
        point.values = values.raw();
        point.request = p.at("request").raw();
        plan.points.push_back(std::move(point));
    }
    return plan;
}

void describe(ParameterSpecs<GridParameters>& p)
{
    p.add(&GridParameters::grid, "grid", "grid", "Grid file (TOML): the operation, shared parameters, axes")
        .required()
        .inputFile()
        .existing();
    p.add(&GridParameters::outputDir, "output_dir", "-o,--output-dir", "The grid's folder (default: the file's output)")
        .outputFolder();
}

OperationResult run(const GridParameters& p, OperationContext& context)
{
    const GridPlan plan = planGrid(p.grid, p.outputDir);
    writeGridPlan(plan);
    for (std::size_t k = 0; k < plan.points.size(); ++k) {
        context.progress(k, plan.points.size(), "points");
        const GridPoint& point = plan.points[k];
        if (fs::exists(resultFile(plan, point))) {
            context.note(point.name + " was done earlier; kept");
            continue;
        }
        if (context.cancelled()) {
            OperationResult partial = tableResult(plan, context);
            partial.interrupted = true;
            return partial;
        }
        const OperationResult done = runPoint(plan, point, context);
        context.result(point.name + " " + point.values.dump() + ": " + done.summary + "\n");
    }
    context.progress(plan.points.size(), plan.points.size(), "points");
    return tableResult(plan, context);
}

void describe(ParameterSpecs<GridPointParameters>& p)
{
    p.add(&GridPointParameters::plan, "plan", "plan", "The grid's grid.json").required().inputFile().existing();
    p.add(&GridPointParameters::point, "point", "--point", "The point's index");
}

OperationResult run(const GridPointParameters& p, OperationContext& context)
{
    const GridPlan plan = readGridPlan(p.plan);
    return runPoint(plan, pointAt(plan, p.point, p.plan), context);
}

void describe(ParameterSpecs<GridTableParameters>& p)
{
    p.add(&GridTableParameters::plan, "plan", "plan", "The grid's grid.json").required().inputFile().existing();
}

OperationResult run(const GridTableParameters& p, OperationContext& context)
{
    return tableResult(readGridPlan(p.plan), context);
}

} // namespace foldwise::ops
