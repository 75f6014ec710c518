#pragma once

#include "tasks/PassTask.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace foldwise::gui {

// What `foldwise-cli prune` takes besides the model and the output.
struct PruneSettings {
    QString criterion = QStringLiteral("global"); // global, local or safe
    std::optional<double> rate;                    // exactly one of rate and targetParams
    std::optional<int64_t> targetParams;
    std::vector<int64_t> simd;                     // FINN SIMD per prunable layer, or one for all
    QString platform = QStringLiteral("zcu102");   // for the cycles and resources before/after
    QString data;                                  // optional: accuracy and fidelity before/after
    QString labels;
    QString recipe;                                // optional: the SparseML recipe (YAML) to write
};

// Structured channel pruning (passes/StructuredPruning.h), then its cost and gain measured on the
// model before and after (passes/PruningEvaluation.h), all in the report.
class PruneTask : public PassTask {
    Q_OBJECT

public:
    PruneTask(PassSettings settings, PruneSettings prune, QObject* parent = nullptr);
    const PruneSettings& pruneSettings() const { return prune_; }

protected:
    passes::PassResult runPass(const Model& model, const passes::PassContext& context) override;
    QString nothingToDo() const override;
    void writeOtherOutputs(passes::PassResult& result) override;

private:
    const PruneSettings prune_;
    std::string recipeText_; // made in runPass, where the unpruned model is at hand
};

} // namespace foldwise::gui
