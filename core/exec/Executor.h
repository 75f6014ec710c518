#pragma once

#include "exec/Kernel.h"
#include "exec/SharedWeights.h"
#include "model/HostTensor.h"
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
    // Every Relu and ThresholdedRelu runs as ThresholdedRelu with a threshold that
    // setReluThreshold changes between runs (0 for Relu, alpha for ThresholdedRelu at first),
    // so a threshold sweep needs no new executor per step.
    bool adjustableReluThresholds = false;
};

// A run of part of a graph: only the nodes marked in `nodes` (by NodeId) run, in topological
// order; every non-constant value they read that no marked node produces comes from `given`
// (by TensorId) or, for graph inputs, from the run's inputs. What incremental re-profiling
// uses to recompute only the nodes downstream of a change.
struct PartialRun {
    const std::vector<bool>* nodes = nullptr;
    const std::map<TensorId, HostTensor>* given = nullptr;
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
    // The same for part of the graph; graph outputs no marked node produces come back empty.
    // Throws std::logic_error when a marked node reads a value that is neither produced by a
    // marked node nor given.
    std::vector<HostTensor> run(const std::map<std::string, HostTensor>& inputs, const PartialRun& partial,
                                ExecutionObserver* observer = nullptr);

    // For an executor built with adjustableReluThresholds: node `node` (a Relu or
    // ThresholdedRelu) outputs x when x > t, else 0, from the next run on. Throws
    // std::invalid_argument for other nodes and executors.
    void setReluThreshold(NodeId node, float t);

    const Model& model() const { return *model_; }

private:
    void checkInput(const Tensor& declared, const HostTensor& given) const;
    std::vector<HostTensor> execute(const std::map<std::string, HostTensor>& inputs, const PartialRun* partial,
                                    ExecutionObserver* observer);

    std::shared_ptr<const Model> model_;
    std::vector<std::unique_ptr<Kernel>> kernels_; // by NodeId
    std::vector<HostTensor> constants_;            // by TensorId; empty for non-constants
    std::vector<int> uses_;                        // by TensorId: consumer count (+1 for graph outputs)
    bool fused_ = false;                           // some node was fused away
    std::shared_ptr<SharedWeights> sharedWeights_; // kept alive for the kernels
    // By NodeId: the thresholds the adjustable ReLU kernels read (NaN: not an adjustable ReLU).
    // Sized once, so the kernels' pointers into it stay valid.
    std::vector<float> reluThresholds_;
};

} // namespace foldwise
