#include "cli/ProfileCommand.h"

#include "data/ModelCalibration.h"
#include "data/OpenCalibrationSource.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/LimitedSource.h"
#include "profile/ProfileFile.h"
#include "profile/Profiler.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace foldwise::cli {
namespace {

struct ProfileCommandOptions {
    std::string model;
    std::string data;
    std::string labels;
    std::size_t limit = 0;
    std::size_t batch = 8;
    std::size_t threads = 0;
    std::string shard = "0/1";
    std::string thresholds;
    std::string output;
    std::string csv;
    std::string annotate;
    std::string annotateStyle = "fpgaconvnet";
    std::size_t inlineLimit = ProfileWriteOptions().inlineValueLimit;
};

// Ctrl-C stops the run between two nodes; nothing is written then.
std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int)
{
    interrupted.store(true);
}

// Progress on stderr: one updating line on a terminal, a line per tenth otherwise.
class ProgressPrinter {
public:
    bool operator()(std::size_t done, std::size_t total)
    {
        if (terminal_) {
            std::fprintf(stderr, "\rprofile: %zu/%zu items", done, total);
            if (done == total)
                std::fputc('\n', stderr);
        } else {
            const std::size_t tenth = total ? done * 10 / total : 10;
            if (tenth > lastTenth_ || done == total) {
                std::fprintf(stderr, "profile: %zu/%zu items\n", done, total);
                lastTenth_ = tenth;
            }
        }
        return !interrupted.load();
    }

private:
    bool terminal_ = ::isatty(STDERR_FILENO) != 0;
    std::size_t lastTenth_ = 0;
};

void runProfile(const ProfileCommandOptions& o)
{
    const std::shared_ptr<const Model> model = Model::load(o.model);
    std::shared_ptr<const CalibrationSource> source = openCalibrationSource(o.data, calibrationOptionsFor(*model, o.labels));
    if (o.limit > 0)
        source = std::make_shared<LimitedSource>(source, o.limit);
    CalibrationReader reader(source, Shard::parse(o.shard));

    ProfileOptions options;
    options.batchSize = o.batch;
    options.threads = o.threads;
    if (!o.thresholds.empty())
        options.thresholds = readReluThresholds(o.thresholds);
    options.cancel = &interrupted;
    const AnnotationStyle style = o.annotateStyle == "metadata" ? AnnotationStyle::Metadata : AnnotationStyle::FpgaConvNet;

    interrupted.store(false);
    const auto previous = std::signal(SIGINT, onInterrupt);
    ActivationProfile profile;
    try {
        profile = profileModel(*model, reader, options, ProgressPrinter());
    } catch (const ExecutionCancelled&) {
        std::signal(SIGINT, previous);
        throw std::runtime_error("profiling cancelled after " + std::to_string(reader.itemsRead()) + " of "
                                 + std::to_string(reader.size()) + " items; nothing was written");
    }
    std::signal(SIGINT, previous);

    writeProfile(o.output, profile, {o.inlineLimit});
    std::cout << "profile: " << profile.provenance.items << " items (" << profile.provenance.skippedItems
              << " skipped), " << profile.tensors.size() << " tensors, " << profile.convolutions.size()
              << " convolutions, " << profile.relus.size() << " ReLUs; network sparsity "
              << networkSparsity(profile) << " -> " << o.output << '\n';
    for (const SkippedItem& s : reader.skipped())
        std::cerr << "profile: skipped item " << s.index << " (" << s.id << "): " << s.reason << '\n';
    for (const std::string& note : profile.provenance.notes)
        std::cerr << "profile: note: " << note << '\n';
    if (!o.csv.empty()) {
        writeSparsityLogCsv(o.csv, profile);
        std::cout << "sparsity log -> " << o.csv << '\n';
    }
    if (!o.annotate.empty()) {
        writeAnnotatedModel(*model, profile, o.annotate, style);
        std::cout << "annotated model -> " << o.annotate << '\n';
    }
}

} // namespace

void addProfileCommand(CLI::App& app)
{
    auto o = std::make_shared<ProfileCommandOptions>();
    CLI::App* cmd = app.add_subcommand("profile", "Profile activation sparsity over calibration data");
    cmd->add_option("model", o->model, "ONNX model file")->required();
    cmd->add_option("--data", o->data, "Calibration data: image folder, .npy, .pb file or folder, synthetic:N[:SEED]")
        ->required();
    cmd->add_option("--labels", o->labels, "Labels file (.csv or .npy), recorded in the provenance");
    cmd->add_option("--limit", o->limit, "Use only the first N items of the data (before sharding)");
    cmd->add_option("--batch", o->batch, "Items read per step (progress granularity; does not change the result)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--threads", o->threads,
                    "Items profiled at once, one per thread (default: OMP_NUM_THREADS or the cores; "
                    "does not change the result)");
    cmd->add_option("--shard", o->shard, "Profile shard i of N (0-based, i/N or i/N:strided); merge the shards later");
    cmd->add_option("--thresholds", o->thresholds, "JSON map ReLU node name -> threshold t (run as ThresholdedRelu)");
    cmd->add_option("-o,--output", o->output, "Profile file to write (JSON; large arrays in a side-car <file>.<hash>.bin)")
        ->required();
    cmd->add_option("--inline-limit", o->inlineLimit,
                    "Arrays go to the side-car when they hold more than this many values in total (default 65536; "
                    "0: always)");
    cmd->add_option("--csv", o->csv, "Also write fpgaConvNet's <arch>_sparsity_log.csv");
    cmd->add_option("--annotate", o->annotate, "Also write the model annotated with channel_sparsity_hist");
    cmd->add_option("--annotate-style", o->annotateStyle,
                    "fpgaconvnet: attribute on each Conv, which becomes a call of a local function wrapping "
                    "the standard Conv so onnxruntime still runs it; metadata: model metadata_props")
        ->check(CLI::IsMember({"fpgaconvnet", "metadata"}));
    cmd->callback([o] { runProfile(*o); });
}

} // namespace foldwise::cli
