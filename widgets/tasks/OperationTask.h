#pragma once

#include "tasks/Task.h"

#include "ops/Operation.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace foldwise::gui {

// Any engine operation (core/ops) as a background task: the GUI's one task type, as the CLI's
// sub-commands are one adapter. The operation's result lines, notes and warnings go to the log,
// its progress to the panel, the task's cancel flag is the operation's, and the files it wrote
// join the project by kind once it is done. An operation that stops on request with a partial
// result (a sweep's finished iterations, an optimiser's best design so far) ends Cancelled: its
// files stay on disk (a sweep resumes from them) but are not added to the project.
class OperationTask : public Task {
    Q_OBJECT

public:
    // Paths in `parameters` are made absolute now (the GUI's working folder means nothing to
    // the user); the description is the one describeOperation gives unless one is passed.
    OperationTask(const ops::Operation& operation, std::unique_ptr<ops::OperationParameters> parameters,
                  QObject* parent = nullptr);

    const ops::Operation& operation() const { return operation_; }
    const ops::OperationParameters& parameters() const { return *parameters_; }
    template <class P>
    const P& parametersAs() const
    {
        return static_cast<const P&>(*parameters_);
    }
    // The operation file of this task ({"operation": ..., "parameters": ...}), to replay it.
    nlohmann::json request() const;

protected:
    void run() override;

private:
    const ops::Operation& operation_;
    const std::unique_ptr<ops::OperationParameters> parameters_;
};

// A task's name in the panel: what runs on what ("Profile digits_cnn.onnx on digits_calib.npy").
QString describeOperation(const ops::Operation& operation, const ops::OperationParameters& parameters);

// Creates the task for a parameter struct of `operation`'s type.
template <class P>
OperationTask* operationTask(const ops::Operation& operation, const P& parameters)
{
    return new OperationTask(operation, std::make_unique<P>(parameters));
}

} // namespace foldwise::gui
