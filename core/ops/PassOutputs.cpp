#include "ops/PassOutputs.h"

#include "passes/ModelFiles.h"

namespace foldwise::ops {

OperationResult writePassOutputs(const passes::PassResult& r, const std::string& output, const std::string& report)
{
    passes::writeModel(*r.proto, output);
    OperationResult result;
    result.outputs.push_back({OutputKind::Model, output});
    if (!report.empty()) {
        passes::writeReport(r.report, report);
        result.outputs.push_back({OutputKind::Report, report});
    }
    return result;
}

std::string noteLines(const passes::PassResult& r)
{
    std::string text;
    for (const std::string& note : r.notes)
        text += "note: " + note + "\n";
    return text;
}

} // namespace foldwise::ops
