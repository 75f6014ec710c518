#include "ops/MergeOperation.h"

#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/ProfileFile.h"

namespace foldwise::ops {

void describe(ParameterSpecs<MergeParameters>& p)
{
    p.add(&MergeParameters::profiles, "profiles", "profiles", "Profile files (same model, data and thresholds; disjoint shards)")
        .required()
        .inputFile();
    p.add(&MergeParameters::output, "output", "-o,--output", "Merged profile to write").required().outputFile();
    p.add(&MergeParameters::csv, "csv", "--csv", "Also write fpgaConvNet's <arch>_sparsity_log.csv of the merged profile")
        .outputFile();
    p.add(&MergeParameters::annotate, "annotate", "--annotate", "Also write the model annotated with the merged profile")
        .outputFile();
    p.addChoice(&MergeParameters::annotateStyle, "annotate_style", "--annotate-style",
                "fpgaconvnet: attribute on each Conv; metadata: model metadata_props (as for profile)");
    p.add(&MergeParameters::model, "model", "--model",
          "The profiled model, for --annotate (default: the model file the profiles name)")
        .inputFile();
}

OperationResult run(const MergeParameters& p, OperationContext& context)
{
    ActivationProfile merged = readProfile(p.profiles.front());
    for (std::size_t i = 1; i < p.profiles.size(); ++i) {
        const ActivationProfile next = readProfile(p.profiles[i]);
        try {
            merged.merge(next);
        } catch (const std::invalid_argument& e) {
            throw ModelError(p.profiles[i], e.what());
        }
    }
    writeProfile(p.output, merged);
    OperationResult result;
    result.outputs.push_back({OutputKind::Profile, p.output});
    const ShardCoverage& s = merged.provenance.shards;
    std::string covered;
    for (std::size_t index : s.covered)
        covered += (covered.empty() ? "" : ",") + std::to_string(index);
    context.result("merged " + std::to_string(p.profiles.size()) + " profiles: " + std::to_string(merged.provenance.items)
                   + " items, shards " + covered + " of " + std::to_string(s.count)
                   + (s.complete() ? " (complete)" : " (incomplete)") + " -> " + p.output + "\n");
    if (!p.csv.empty()) {
        writeSparsityLogCsv(p.csv, merged);
        context.result("sparsity log -> " + p.csv + "\n");
        result.outputs.push_back({OutputKind::Table, p.csv});
    }
    if (!p.annotate.empty()) {
        const std::string modelFile = p.model.empty() ? merged.provenance.modelFile : p.model;
        writeAnnotatedModel(*Model::load(modelFile), merged, p.annotate, p.annotateStyle);
        context.result("annotated model -> " + p.annotate + "\n");
        result.outputs.push_back({OutputKind::Model, p.annotate});
    }
    result.summary = "Merged profile written to " + p.output;
    return result;
}

} // namespace foldwise::ops
