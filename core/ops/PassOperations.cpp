#include "ops/PassOperations.h"

#include "model/Model.h"
#include "model/ModelError.h"
#include "passes/BatchNormFolding.h"
#include "passes/ModelFiles.h"
#include "passes/ReluFusion.h"
#include "ops/PassOutputs.h"
#include "ops/PassProgress.h"


namespace foldwise::ops {
namespace {

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

// The hardware figures of a fusion report, one line per style.
std::string hardwareText(const nlohmann::json& hw)
{
    std::string text;
    if (hw.contains("hls4ml")) {
        const nlohmann::json& h = hw["hls4ml"];
        if (h.contains("error")) {
            text += "hls4ml: " + h["error"].get<std::string>() + "\n";
        } else {
            const auto line = [](const nlohmann::json& f) {
                return std::to_string(f["stages"].get<int64_t>()) + " stages, " + std::to_string(f["fifos"].get<int64_t>())
                    + " FIFOs, FIFO BRAM18 " + f["fifo_bram18"].dump() + ", FIFO LUT " + f["fifo_lut"].dump();
            };
            text += "hls4ml io_stream: " + line(h["before"]) + " -> " + line(h["after"]) + "\n";
        }
    }
    if (hw.contains("fpgaconvnet")) {
        const nlohmann::json& f = hw["fpgaconvnet"];
        if (f.contains("error"))
            text += "fpgaConvNet: " + f["error"].get<std::string>() + "\n";
        else
            text += "fpgaConvNet (folding 1): " + f["before"]["layers"].dump() + " layers, LUT " + f["before"]["lut"].dump()
                + " -> " + f["after"]["layers"].dump() + " layers, LUT " + f["after"]["lut"].dump() + "\n";
    }
    return text;
}

} // namespace

void describePass(ParameterSpecs<PassParameters>& p)
{
    p.add(&PassParameters::model, "model", "model", "ONNX model").required().inputFile();
    p.add(&PassParameters::output, "output", "-o,--output", "Transformed ONNX model to write").required().outputFile();
    p.add(&PassParameters::report, "report", "--report", "Write the pass's JSON report here").outputFile();
}

void describeFusion(ParameterSpecs<PassParameters>& p)
{
    describePass(p);
    p.add(&PassParameters::bits, "bits", "--bits", "hls4ml precision for the FIFO widths in the report").range(1, 64);
}

// A pass's result written and reported; a pass with nothing to do is an error that says why.
OperationResult finishPass(const PassParameters& p, const passes::PassResult& r, const std::string& nothingToDo,
                           OperationContext& context)
{
    if (r.changes == 0) {
        const std::string reasons = firstReasons(r);
        throw ModelError(p.model, nothingToDo + (reasons.empty() ? "" : " (" + reasons + ")"));
    }
    OperationResult result = writePassOutputs(r, p.output, p.report);
    std::string text = noteLines(r);
    text += r.pass + ": " + std::to_string(r.changes) + " rewrite(s), " + r.report["nodes_before"].dump() + " -> "
        + r.report["nodes_after"].dump() + " nodes -> " + p.output + "\n";
    if (r.report.contains("hardware"))
        text += hardwareText(r.report["hardware"]);
    if (!p.report.empty())
        text += "report -> " + p.report + "\n";
    context.result(text);
    result.summary = r.pass + ": " + std::to_string(r.changes) + " rewrite(s) -> " + p.output;
    return result;
}

OperationResult foldBatchNorms(const PassParameters& p, OperationContext& context)
{
    const auto model = Model::load(p.model);
    return finishPass(p, passes::foldBatchNorms(*model, passContext(context)),
                      "nothing to fold: no BatchNormalization directly after a Conv, Gemm or MatMul can be folded", context);
}

OperationResult fuseRelus(const PassParameters& p, OperationContext& context)
{
    const auto model = Model::load(p.model);
    passes::FusionOptions options;
    options.bits = p.bits;
    return finishPass(p, passes::fuseReluActivations(*model, passContext(context), options),
                      "nothing to fuse: no ReLU reads a Conv or Gemm (or its BatchNormalization) as that layer's only reader",
                      context);
}

} // namespace foldwise::ops
