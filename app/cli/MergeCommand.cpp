#include "cli/MergeCommand.h"

#include "model/ModelError.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/ProfileFile.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace foldwise::cli {
namespace {

struct MergeOptions {
    std::vector<std::string> inputs;
    std::string output;
    std::string csv;
};

void runMerge(const MergeOptions& o)
{
    ActivationProfile merged = readProfile(o.inputs.front());
    for (std::size_t i = 1; i < o.inputs.size(); ++i) {
        const ActivationProfile next = readProfile(o.inputs[i]);
        try {
            merged.merge(next);
        } catch (const std::invalid_argument& e) {
            throw ModelError(o.inputs[i], e.what());
        }
    }
    writeProfile(o.output, merged);
    const ShardCoverage& s = merged.provenance.shards;
    std::string covered;
    for (std::size_t index : s.covered)
        covered += (covered.empty() ? "" : ",") + std::to_string(index);
    std::cout << "merged " << o.inputs.size() << " profiles: " << merged.provenance.items << " items, shards "
              << covered << " of " << s.count << (s.complete() ? " (complete)" : " (incomplete)") << " -> "
              << o.output << '\n';
    if (!o.csv.empty()) {
        writeSparsityLogCsv(o.csv, merged);
        std::cout << "sparsity log -> " << o.csv << '\n';
    }
}

} // namespace

void addMergeCommand(CLI::App& app)
{
    auto o = std::make_shared<MergeOptions>();
    CLI::App* cmd = app.add_subcommand("merge", "Merge activation profiles of disjoint shards into one");
    cmd->add_option("profiles", o->inputs, "Profile files (same model, data and thresholds; disjoint shards)")
        ->required();
    cmd->add_option("-o,--output", o->output, "Merged profile to write")->required();
    cmd->add_option("--csv", o->csv, "Also write fpgaConvNet's <arch>_sparsity_log.csv of the merged profile");
    cmd->callback([o] { runMerge(*o); });
}

} // namespace foldwise::cli
