#include "sweep/RunDirectory.h"

#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "sweep/OriginalRunLogImport.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace foldwise::sweep {
namespace {

std::filesystem::path iterationDir(const std::filesystem::path& dir, int k)
{
    return dir / ("iteration_" + std::to_string(k));
}

// The sparsity log a sweep writes beside each iteration's profile, named after the model.
std::optional<std::filesystem::path> sparsityLogIn(const std::filesystem::path& dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return std::nullopt;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.ends_with("_sparsity_log.csv"))
            return entry.path();
    }
    return std::nullopt;
}

void readManifest(const std::filesystem::path& file, RunDirectory& run)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return; // optional: summaries copied without their manifest still browse
    const nlohmann::json document = readJsonFile(file, "sweep manifest");
    const JsonNode m(document, file.string());
    if (!m.isObject())
        m.fail("must be a JSON object");
    if (const std::string format = m.string("format", ""); !format.empty() && format != "foldwise-sweep")
        m.at("format").fail("is \"" + shortText(format) + "\": not a Foldwise sweep manifest");
    if (const std::string name = m.string("name", ""); !name.empty())
        run.log.name = name;
    if (const std::string source = m.string("source", ""); !source.empty())
        run.log.source = source;
    if (const std::string policy = m.string("policy", ""); !policy.empty())
        run.log.policy = policy;
    if (const std::string mode = m.string("mode", ""); !mode.empty())
        run.log.mode = mode;
    run.platform = m.string("platform", "");
    if (const auto model = m.find("model")) {
        run.modelFile = model->string("file", "");
        run.modelSha256 = model->string("sha256", "");
    }
}

} // namespace

std::optional<std::filesystem::path> RunDirectory::iterationFile(int iteration, const std::string& name) const
{
    const std::filesystem::path file = iterationDir(dir, iteration) / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(file, ec))
        return file;
    return std::nullopt;
}

bool isRunDirectory(const std::filesystem::path& dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return false;
    if (std::filesystem::is_regular_file(dir / "summary.csv", ec))
        return true;
    try {
        return !originalSweepsIn(dir).empty();
    } catch (const ModelError&) {
        return false;
    }
}

RunDirectory readRunDirectory(const std::filesystem::path& dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw ModelError(dir.string(), "not a folder");
    RunDirectory run;
    run.dir = dir;
    const std::filesystem::path summary = dir / "summary.csv";
    if (!std::filesystem::is_regular_file(summary, ec)) {
        if (originalSweepsIn(dir).empty())
            throw ModelError(dir.string(), "holds no summary.csv (nor the original scripts' *_accuracy.csv): not a sweep run directory");
        run.log = importOriginalRunLog(dir);
        return run;
    }
    run.log = readSummaryCsv(summary);
    run.log.source = std::string(kRunLogSourceFoldwise);
    run.log.name = dir.filename().empty() ? dir.parent_path().filename().string() : dir.filename().string();
    readManifest(dir / "manifest.json", run);
    for (RunIteration& it : run.log.iterations)
        if (const auto log = sparsityLogIn(iterationDir(dir, it.index)))
            it.sparsity = readSparsityLogCsv(*log);
    return run;
}

} // namespace foldwise::sweep
