#pragma once

#include "tasks/Task.h"

#include "passes/PassResult.h"

#include <memory>

namespace foldwise::gui {

struct PassSettings {
    QString model;
    QString output; // the transformed .onnx
    QString report; // optional: the pass's JSON report
};

// A model pass (core/passes) run in the background: the pass, then its model written atomically
// (passes/ModelFiles.h). A pass with nothing to do fails with its reasons and writes nothing, as
// `foldwise-cli fold-bn`/`fuse` do. A subclass names the pass and calls it; nothing else.
class PassTask : public Task {
    Q_OBJECT

public:
    PassTask(QString description, PassSettings settings, QObject* parent = nullptr);
    const PassSettings& settings() const { return settings_; }

protected:
    void run() final;
    // The engine call, on the worker thread.
    virtual passes::PassResult runPass(const Model& model, const passes::PassContext& context) = 0;
    // Why the pass had nothing to do, e.g. "no BatchNormalization ... can be folded".
    virtual QString nothingToDo() const = 0;
    // Files of the pass's own besides the model and the report (a recipe, choosing maps), written
    // once the pass succeeded and before the model; may add what it wrote to the report.
    virtual void writeOtherOutputs(passes::PassResult& result) { (void)result; }

private:
    const PassSettings settings_;
};

} // namespace foldwise::gui
