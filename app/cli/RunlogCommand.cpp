#include "cli/RunlogCommand.h"

#include "hw/fpgaconvnet/DesignFile.h"
#include "model/ModelError.h"
#include "sweep/OriginalRunLogImport.h"
#include "sweep/RunLog.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>

namespace foldwise::cli {
namespace {

struct RunlogOptions {
    std::string dir;
    std::string sweep;
    std::string output;
};

void runImport(const RunlogOptions& o)
{
    const RunLog log = o.sweep.empty() ? importOriginalRunLog(o.dir) : importOriginalRunLog(o.dir, o.sweep);
    std::error_code ec;
    std::filesystem::create_directories(o.output, ec);
    if (ec)
        throw ModelError(o.output, "cannot create the run directory: " + ec.message());
    fpgaconvnet::writeJsonFile(std::filesystem::path(o.output) / "manifest.json",
                               {{"format", "foldwise-sweep"},
                                {"version", 1},
                                {"source", log.source},
                                {"imported_from", o.dir},
                                {"name", log.name},
                                {"policy", log.policy.value_or("")},
                                {"mode", log.mode.value_or("")}});
    writeSummaryCsv(std::filesystem::path(o.output) / "summary.csv", log);
    std::printf("%s: %zu iteration(s) imported -> %s\n", log.name.c_str(), log.iterations.size(), o.output.c_str());
}

} // namespace

void addRunlogCommand(CLI::App& app)
{
    CLI::App* runlog = app.add_subcommand("runlog", "Run logs of threshold sweeps");
    runlog->require_subcommand(1);
    auto o = std::make_shared<RunlogOptions>();
    CLI::App* import = runlog->add_subcommand("import", "Import a run log of the original ReLU-threshold scripts");
    import->add_option("dir", o->dir, "The scripts' runlog/<arch> folder (relu_thresholds/<arch> beside runlog/ is read too)")
        ->required()
        ->check(CLI::ExistingDirectory);
    import->add_option("--sweep", o->sweep, "Which sweep, when the folder holds several");
    import->add_option("-o,--output-dir", o->output, "Run directory to write")->required();
    import->callback([o] { runImport(*o); });
}

} // namespace foldwise::cli
