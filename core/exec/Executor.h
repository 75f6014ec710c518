#pragma once

#include "exec/HostTensor.h"
#include "exec/Kernel.h"
#include "exec/SharedWeights.h"
#include "model/Model.h"

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace foldwise {

struct UnsupportedNodeReport {
    NodeId node = kNoId;
    std::string name;
    std::string opType;
    std::string reason;
};

// Sees every node's inputs and outputs as the executor runs them (the profiler is one), and
// can stop a run between two nodes.
class ExecutionObserver {
public:
    virtual ~ExecutionObserver() = default;
    virtual void nodeFinished(const Node& node, std::span<const HostTensor* const> inputs,
                              std::span<const HostTensor> outputs) = 0;
    virtual bool cancelled() const { return false; }
    // False: every tensor is shown row-major (the executor converts channels-last ones, which
    // costs a copy per tensor). True: tensors come in the layout the kernels left them in.
    virtual bool acceptsChannelsLast() const { return false; }
};

class ExecutionCancelled : public std::runtime_error {
public:
    ExecutionCancelled() : std::runtime_error("execution cancelled") {}
};

struct ExecutorOptions {
    // Fold each Relu into the convolution feeding it (when the Relu is the convolution's only
    // reader). Faster; but the convolution's own output is then never materialised, so runs
    // with an observer need an executor built without fusion.
    bool fuseActivations = true;
    // Winograd convolution for 3x3 stride-1 layers where oneDNN offers it: roughly twice as
    // fast; results differ from direct convolution by rounding (about 1e-6 relative).
    bool winograd = true;
    // Constant weights in the primitives' layouts, shared with the other executors given the same
    // cache (which must only serve executors of one model); empty: this executor's own.
    std::shared_ptr<SharedWeights> sharedWeights;
};

// Runs a model on the CPU. Every kernel is built up front, so a node that cannot run is
// reported (all of them, with op, name and reason) before anything executes. One Executor
// runs any number of batches; it is not re-entrant (one run at a time).
class Executor {
public:
    // Throws ModelError listing every unsupported node.
    explicit Executor(std::shared_ptr<const Model> model, ExecutorOptions options = {});
    ~Executor();

    static std::vector<UnsupportedNodeReport> unsupportedNodes(const Model& model);

    // Inputs by graph-input name; returns the graph outputs in order. Throws ModelError on
    // missing or mismatched inputs and on kernel failures (naming the node), and
    // ExecutionCancelled when the observer asks to stop.
    std::vector<HostTensor> run(const std::map<std::string, HostTensor>& inputs, ExecutionObserver* observer = nullptr);

    const Model& model() const { return *model_; }

private:
    void checkInput(const Tensor& declared, const HostTensor& given) const;

    std::shared_ptr<const Model> model_;
    std::vector<std::unique_ptr<Kernel>> kernels_; // by NodeId
    std::vector<HostTensor> constants_;            // by TensorId; empty for non-constants
    std::vector<int> uses_;                        // by TensorId: consumer count (+1 for graph outputs)
    bool fused_ = false;                           // some node was fused away
    std::shared_ptr<SharedWeights> sharedWeights_; // kept alive for the kernels
};

} // namespace foldwise
