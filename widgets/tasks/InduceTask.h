#pragma once

#include "tasks/PassTask.h"

#include "passes/ChoosingMaps.h"

#include <cstdint>
#include <vector>

namespace foldwise::gui {

// What `foldwise-cli induce` takes besides the model and the output.
struct InduceSettings {
    QString mapping;                  // mapping JSON: {"inducer": ["inducer", "induced", ...], "overrides": {...}}
    std::vector<int64_t> prototypes;  // per inducer, in mapping order
    QString data;                     // calibration data the prototypes are chosen on
    QString labels;                   // optional; without them accuracy is fidelity
    uint64_t seed = 0;
    bool measureAccuracy = true;
    QString choosingDir;              // optional: prototypes and choosing maps (.npy) for training
};

// Induced ReLUs (passes/InducedRelus.h): later layers share an earlier ReLU's sign decisions.
class InduceTask : public PassTask {
    Q_OBJECT

public:
    InduceTask(PassSettings settings, InduceSettings induce, QObject* parent = nullptr);
    const InduceSettings& induceSettings() const { return induce_; }

protected:
    passes::PassResult runPass(const Model& model, const passes::PassContext& context) override;
    QString nothingToDo() const override;
    void writeOtherOutputs(passes::PassResult& result) override;

private:
    const InduceSettings induce_;
    std::vector<passes::InducerChoice> choices_; // from runPass, for the choosing maps
};

} // namespace foldwise::gui
