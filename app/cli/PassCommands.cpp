#include "cli/PassCommands.h"

#include "model/ModelError.h"
#include "passes/BatchNormFolding.h"
#include "passes/ModelFiles.h"
#include "passes/ReluFusion.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <memory>

namespace foldwise::cli {
namespace {

struct PassOptions {
    std::string model;
    std::string output;
    std::string report;
    int bits = 16;
};

using RunPass = std::function<passes::PassResult(const Model&, const PassOptions&)>;

// The first notes say why the candidates were left alone; enough to act on in one line.
std::string firstReasons(const passes::PassResult& r)
{
    std::string text;
    for (std::size_t i = 0; i < r.notes.size() && i < 2; ++i)
        text += (i ? "; " : "") + r.notes[i];
    if (r.notes.size() > 2)
        text += "; ... (" + std::to_string(r.notes.size()) + " in all)";
    return text;
}

void printHardware(const nlohmann::json& hw)
{
    if (hw.contains("hls4ml")) {
        const nlohmann::json& h = hw["hls4ml"];
        if (h.contains("error")) {
            std::cout << "hls4ml: " << h["error"].get<std::string>() << '\n';
        } else {
            const auto line = [](const nlohmann::json& f) {
                return std::to_string(f["stages"].get<int64_t>()) + " stages, " + std::to_string(f["fifos"].get<int64_t>())
                    + " FIFOs, FIFO BRAM18 " + f["fifo_bram18"].dump() + ", FIFO LUT " + f["fifo_lut"].dump();
            };
            std::cout << "hls4ml io_stream: " << line(h["before"]) << " -> " << line(h["after"]) << '\n';
        }
    }
    if (hw.contains("fpgaconvnet")) {
        const nlohmann::json& f = hw["fpgaconvnet"];
        if (f.contains("error"))
            std::cout << "fpgaConvNet: " << f["error"].get<std::string>() << '\n';
        else
            std::cout << "fpgaConvNet (folding 1): " << f["before"]["layers"] << " layers, LUT " << f["before"]["lut"]
                      << " -> " << f["after"]["layers"] << " layers, LUT " << f["after"]["lut"] << '\n';
    }
}

void runPassCommand(const PassOptions& o, const RunPass& run, const std::string& nothingToDo)
{
    const auto model = Model::load(o.model);
    const passes::PassResult r = run(*model, o);
    if (r.changes == 0) {
        const std::string reasons = firstReasons(r);
        throw ModelError(o.model, nothingToDo + (reasons.empty() ? "" : " (" + reasons + ")"));
    }
    passes::writeModel(*r.proto, o.output);
    if (!o.report.empty())
        passes::writeReport(r.report, o.report);
    for (const std::string& note : r.notes)
        std::cout << "note: " << note << '\n';
    std::cout << r.pass << ": " << r.changes << " rewrite(s), " << r.report["nodes_before"] << " -> "
              << r.report["nodes_after"] << " nodes -> " << o.output << '\n';
    if (r.report.contains("hardware"))
        printHardware(r.report["hardware"]);
    if (!o.report.empty())
        std::cout << "report -> " << o.report << '\n';
}

CLI::App* addPassCommand(CLI::App& app, const std::string& name, const std::string& description,
                         const std::shared_ptr<PassOptions>& o)
{
    CLI::App* cmd = app.add_subcommand(name, description);
    cmd->add_option("model", o->model, "ONNX model")->required();
    cmd->add_option("-o,--output", o->output, "Transformed ONNX model to write")->required();
    cmd->add_option("--report", o->report, "Write the pass's JSON report here");
    return cmd;
}

} // namespace

void addPassCommands(CLI::App& app)
{
    auto fold = std::make_shared<PassOptions>();
    addPassCommand(app, "fold-bn", "Fold BatchNormalization into the Conv/Gemm before it", fold)->callback([fold] {
        runPassCommand(
            *fold, [](const Model& m, const PassOptions&) { return passes::foldBatchNorms(m); },
            "nothing to fold: no BatchNormalization directly after a Conv, Gemm or MatMul can be folded");
    });

    auto fuse = std::make_shared<PassOptions>();
    CLI::App* cmd = addPassCommand(app, "fuse", "Fuse Conv/Gemm + ReLU into one dataflow stage (hls4ml's merged ReLU)", fuse);
    cmd->add_option("--bits", fuse->bits, "hls4ml precision for the FIFO widths in the report")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    cmd->callback([fuse] {
        runPassCommand(
            *fuse,
            [](const Model& m, const PassOptions& o) {
                passes::FusionOptions options;
                options.bits = o.bits;
                return passes::fuseReluActivations(m, {}, options);
            },
            "nothing to fuse: no ReLU reads a Conv or Gemm (or its BatchNormalization) as that layer's only reader");
    });
}

} // namespace foldwise::cli
