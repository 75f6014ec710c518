#include "ops/PassOperations.h"

#include "model/Model.h"
#include "model/ModelError.h"
#include "passes/BatchNormFolding.h"
#include "passes/ModelFiles.h"
#include "passes/ReluFusion.h"
#include "ops/PassProgress.h"

#include <functional>

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

using RunPass = std::function<passes::PassResult(const Model&, const PassParameters&, const passes::PassContext&)>;

class PassOperation final : public OperationOf<PassParameters> {
public:
    PassOperation(OperationInfo info, std::string nothingToDo, bool bits, RunPass run)
        : OperationOf(std::move(info)), nothingToDo_(std::move(nothingToDo)), bits_(bits), run_(std::move(run))
    {
    }

    void describe(ParameterSpecs<PassParameters>& p) const override
    {
        p.add(&PassParameters::model, "model", "model", "ONNX model").required().inputFile();
        p.add(&PassParameters::output, "output", "-o,--output", "Transformed ONNX model to write").required().outputFile();
        p.add(&PassParameters::report, "report", "--report", "Write the pass's JSON report here").outputFile();
        if (bits_)
            p.add(&PassParameters::bits, "bits", "--bits", "hls4ml precision for the FIFO widths in the report").range(1, 64);
    }

    OperationResult runWith(const PassParameters& p, OperationContext& context) const override
    {
        const auto model = Model::load(p.model);
        const passes::PassResult r = run_(*model, p, passContext(context));
        if (r.changes == 0) {
            const std::string reasons = firstReasons(r);
            throw ModelError(p.model, nothingToDo_ + (reasons.empty() ? "" : " (" + reasons + ")"));
        }
        passes::writeModel(*r.proto, p.output);
        OperationResult result;
        result.outputs.push_back({OutputKind::Model, p.output});
        if (!p.report.empty()) {
            passes::writeReport(r.report, p.report);
            result.outputs.push_back({OutputKind::Report, p.report});
        }
        std::string text;
        for (const std::string& note : r.notes)
            text += "note: " + note + "\n";
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

private:
    const std::string nothingToDo_;
    const bool bits_;
    const RunPass run_;
};

} // namespace

const Operation& foldBatchNormOperation()
{
    static const PassOperation operation(
        {"fold-bn", "Fold BatchNorm in", "Fold BatchNormalization into the Conv/Gemm before it"},
        "nothing to fold: no BatchNormalization directly after a Conv, Gemm or MatMul can be folded", false,
        [](const Model& m, const PassParameters&, const passes::PassContext& c) { return passes::foldBatchNorms(m, c); });
    return operation;
}

const Operation& fuseReluOperation()
{
    static const PassOperation operation(
        {"fuse", "Fuse Conv + ReLU", "Fuse Conv/Gemm + ReLU into one dataflow stage (hls4ml's merged ReLU)"},
        "nothing to fuse: no ReLU reads a Conv or Gemm (or its BatchNormalization) as that layer's only reader", true,
        [](const Model& m, const PassParameters& p, const passes::PassContext& c) {
            passes::FusionOptions options;
            options.bits = p.bits;
            return passes::fuseReluActivations(m, c, options);
        });
    return operation;
}

} // namespace foldwise::ops
