#pragma once

// One definition of every engine operation (as QGIS Processing defines an algorithm once for its
// toolbox, its batch runner and its Python console): an id, a title, a parameter struct with its
// defaults and checks (ops/Parameters.h), and run(parameters, context) -> result. The CLI's
// sub-commands, the GUI's tasks and batch jobs are front ends over these.

#include "ops/OperationContext.h"
#include "ops/Parameters.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace foldwise::ops {

// What kind of file an operation wrote, so a front end knows what to do with it (the GUI adds
// it to the project as that kind of artifact).
enum class OutputKind { Model, Profile, Design, FoldingConfig, Report, Table, RunDirectory, Folder };

struct OutputFile {
    OutputKind kind;
    std::filesystem::path path;
};

struct OperationResult {
    std::vector<OutputFile> outputs;
    // One line for a status bar: "Profile written to p.json".
    std::string summary;
    // Stopped on request with a usable partial result (an optimiser's best design so far, a
    // sweep's finished iterations), which the outputs hold.
    bool interrupted = false;
};

struct OperationInfo {
    // "profile", "runlog-import": the key of JSON operation files and of the registry.
    std::string id;
    // "Profile activation sparsity": a dialog's title, a task's name.
    std::string title;
    // A sentence: the CLI's sub-command description, a dialog's help.
    std::string description;
};

class Operation {
public:
    explicit Operation(OperationInfo info) : info_(std::move(info)) {}
    virtual ~Operation() = default;
    Operation(const Operation&) = delete;
    Operation& operator=(const Operation&) = delete;

    const std::string& id() const { return info_.id; }
    const std::string& title() const { return info_.title; }
    const std::string& description() const { return info_.description; }

    virtual std::vector<ParameterSpec> parameterSpecs() const = 0;
    virtual std::unique_ptr<OperationParameters> defaultParameters() const = 0;
    virtual std::unique_ptr<OperationParameters> copyParameters(const OperationParameters& parameters) const = 0;
    // The checks of the parameter specs, then the operation's own (parameters that do not go
    // together); throws ParameterError.
    virtual void check(const OperationParameters& parameters) const = 0;
    // Checks, then runs. Throws ModelError (bad input), ParameterError, OperationCancelled.
    virtual OperationResult run(const OperationParameters& parameters, OperationContext& context) const = 0;

private:
    const OperationInfo info_;
};

// An operation over the parameter struct P (derived from OperationParameters), defined by three
// functions: its parameters, the checks across them (optional), its run.
template <class P>
class OperationOf final : public Operation {
public:
    using Parameters = P;
    using Describe = void (*)(ParameterSpecs<P>& specs);
    using Run = OperationResult (*)(const P& parameters, OperationContext& context);
    using CheckTogether = void (*)(const P& parameters);

    OperationOf(OperationInfo info, Describe describeFields, Run runFunction, CheckTogether checkFunction = nullptr)
        : Operation(std::move(info)), describe_(describeFields), run_(runFunction), checkTogether_(checkFunction)
    {
    }

    std::vector<ParameterSpec> parameterSpecs() const override
    {
        ParameterSpecs<P> specs;
        describe_(specs);
        return specs.take();
    }
    std::unique_ptr<OperationParameters> defaultParameters() const override { return std::make_unique<P>(); }
    std::unique_ptr<OperationParameters> copyParameters(const OperationParameters& parameters) const override
    {
        return std::make_unique<P>(static_cast<const P&>(parameters));
    }
    void check(const OperationParameters& parameters) const override
    {
        checkParameters(parameterSpecs(), parameters);
        if (checkTogether_)
            checkTogether_(static_cast<const P&>(parameters));
    }
    OperationResult run(const OperationParameters& parameters, OperationContext& context) const override
    {
        check(parameters);
        return run_(static_cast<const P&>(parameters), context);
    }

private:
    const Describe describe_;
    const Run run_;
    const CheckTogether checkTogether_;
};


} // namespace foldwise::ops
