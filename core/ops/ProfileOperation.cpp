#include "ops/ProfileOperation.h"

#include "data/ModelCalibration.h"
#include "data/OpenCalibrationSource.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/LimitedSource.h"
#include "profile/ProfileFile.h"
#include "profile/Profiler.h"

#include <sstream>

namespace foldwise::ops {
namespace {

// As `std::cout << double` prints it (6 significant digits), which the CLI always showed.
std::string number(double v)
{
    std::ostringstream text;
    text << v;
    return text.str();
}

} // namespace

void describe(ParameterSpecs<ProfileParameters>& p)
{
    using P = ProfileParameters;
    p.add(&P::model, "model", "model", "ONNX model file").required().inputFile();
    p.add(&P::data, "data", "--data", "Calibration data: image folder, .npy, .pb file or folder, synthetic:N[:SEED]")
        .required()
        .calibrationData();
    p.add(&P::labels, "labels", "--labels", "Labels file (.csv or .npy), recorded in the provenance").inputFile();
    p.add(&P::limit, "limit", "--limit", "Use only the first N items of the data (before sharding)");
    p.add(&P::batch, "batch", "--batch", "Items read per step (progress granularity; does not change the result)").positive();
    p.add(&P::threads, "threads", "--threads",
          "Items profiled at once, one per thread (default: OMP_NUM_THREADS or the cores; does not change the result)");
    p.add(&P::shard, "shard", "--shard", "Profile shard i of N (0-based, i/N or i/N:strided); merge the shards later");
    p.add(&P::thresholds, "thresholds", "--thresholds", "JSON map ReLU node name -> threshold t (run as ThresholdedRelu)")
        .inputFile();
    p.add(&P::output, "output", "-o,--output", "Profile file to write (JSON; large arrays in a side-car <file>.<hash>.bin)")
        .required()
        .outputFile();
    p.add(&P::inlineLimit, "inline_limit", "--inline-limit",
          "Arrays go to the side-car when they hold more than this many values in total (default 65536; 0: always)");
    p.add(&P::csv, "csv", "--csv", "Also write fpgaConvNet's <arch>_sparsity_log.csv").outputFile();
    p.add(&P::annotate, "annotate", "--annotate", "Also write the model annotated with channel_sparsity_hist").outputFile();
    p.addChoice(&P::annotateStyle, "annotate_style", "--annotate-style",
                "fpgaconvnet: attribute on each Conv, which becomes a call of a local function wrapping the standard "
                "Conv so onnxruntime still runs it; metadata: model metadata_props");
}

void checkTogether(const ProfileParameters& p)
{
    try {
        Shard::parse(p.shard);
    } catch (const std::invalid_argument& e) {
        throw ParameterError("shard", e.what());
    }
}

OperationResult run(const ProfileParameters& p, OperationContext& context)
{
    const std::shared_ptr<const Model> model = Model::load(p.model);
    std::shared_ptr<const CalibrationSource> source = openCalibrationSource(p.data, calibrationOptionsFor(*model, p.labels));
    if (p.limit > 0)
        source = std::make_shared<LimitedSource>(source, p.limit);
    CalibrationReader reader(source, Shard::parse(p.shard));

    ProfileOptions options;
    options.batchSize = p.batch;
    options.threads = p.threads;
    if (!p.thresholds.empty())
        options.thresholds = readReluThresholds(p.thresholds);
    options.cancel = context.cancelFlag();
    ActivationProfile profile;
    try {
        profile = profileModel(*model, reader, options, [&context](std::size_t done, std::size_t total) {
            context.progress(done, total, "items");
            return !context.cancelled();
        });
    } catch (const ExecutionCancelled&) {
        throw OperationCancelled("profiling cancelled after " + std::to_string(reader.itemsRead()) + " of "
                                 + std::to_string(reader.size()) + " items; nothing was written");
    }

    writeProfile(p.output, profile, {p.inlineLimit});
    OperationResult result;
    result.outputs.push_back({OutputKind::Profile, p.output});
    const std::string sparsity = number(networkSparsity(profile));
    result.summary = "Network sparsity " + sparsity + " over "
        + std::to_string(profile.provenance.items) + " items; profile written to " + p.output;
    context.result("profile: " + std::to_string(profile.provenance.items) + " items ("
                   + std::to_string(profile.provenance.skippedItems) + " skipped), " + std::to_string(profile.tensors.size())
                   + " tensors, " + std::to_string(profile.convolutions.size()) + " convolutions, "
                   + std::to_string(profile.relus.size()) + " ReLUs; network sparsity " + sparsity
                   + " -> " + p.output + "\n");
    for (const SkippedItem& s : reader.skipped())
        context.note("skipped item " + std::to_string(s.index) + " (" + s.id + "): " + s.reason);
    for (const std::string& note : profile.provenance.notes)
        context.note(note);
    if (!p.csv.empty()) {
        writeSparsityLogCsv(p.csv, profile);
        context.result("sparsity log -> " + p.csv + "\n");
        result.outputs.push_back({OutputKind::Table, p.csv});
    }
    if (!p.annotate.empty()) {
        writeAnnotatedModel(*model, profile, p.annotate, p.annotateStyle);
        context.result("annotated model -> " + p.annotate + "\n");
        result.outputs.push_back({OutputKind::Model, p.annotate});
    }
    return result;
}

} // namespace foldwise::ops
