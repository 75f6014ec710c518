#include "ops/OperationResultFile.h"

#include "hw/ReportTable.h"
#include "io/DocumentFormat.h"

#include <array>
#include <utility>

namespace foldwise::ops {
namespace {

constexpr const char* kFormat = "foldwise-operation-result";

constexpr std::array<std::pair<OutputKind, const char*>, 8> kKindNames = {{
    {OutputKind::Model, "model"},
    {OutputKind::Profile, "profile"},
    {OutputKind::Design, "design"},
    {OutputKind::FoldingConfig, "folding-config"},
    {OutputKind::Report, "report"},
    {OutputKind::Table, "table"},
    {OutputKind::RunDirectory, "run-directory"},
    {OutputKind::Folder, "folder"},
}};

const char* kindName(OutputKind kind)
{
    for (const auto& [k, name] : kKindNames)
        if (k == kind)
            return name;
    return "folder";
}

OutputKind readKind(const JsonNode& node)
{
    const std::string name = node.string();
    for (const auto& [kind, n] : kKindNames)
        if (name == n)
            return kind;
    node.fail("is not a kind of output (" + shortText(name) + ")");
}

} // namespace

nlohmann::json operationResultJson(const OperationResult& result)
{
    nlohmann::json outputs = nlohmann::json::array();
    for (const OutputFile& output : result.outputs)
        outputs.push_back({{"kind", kindName(output.kind)}, {"path", output.path.string()}});
    return {{"format", kFormat},
            {"version", 1},
            {"summary", result.summary},
            {"interrupted", result.interrupted},
            {"outputs", outputs}};
}

void writeOperationResult(const std::filesystem::path& file, const OperationResult& result)
{
    writeTextFile(file, operationResultJson(result).dump(2) + "\n");
}

OperationResult readOperationResultFile(const std::filesystem::path& file)
{
    const nlohmann::json document = readJsonFile(file, "operation result");
    const JsonNode root(document, file.string());
    requireDocumentFormat(root, kFormat, 1);
    OperationResult result;
    result.summary = root.string("summary", "");
    result.interrupted = root.boolean("interrupted", false);
    for (const JsonNode& output : root.at("outputs").elements())
        result.outputs.push_back({readKind(output.at("kind")), output.at("path").string()});
    return result;
}

} // namespace foldwise::ops
