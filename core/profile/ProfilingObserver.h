#pragma once

#include "exec/Executor.h"
#include "profile/ActivationProfile.h"
#include "profile/WindowHistogram.h"

#include <atomic>
#include <cstddef>
#include <vector>

namespace foldwise {

// Collects activation statistics into an ActivationProfile while an Executor runs batches:
//   - zeros per tensor and channel of every activation layer's output and of every Conv's data
//     input (a tensor that is both is counted once);
//   - the K-window zero histogram of every Conv's data input (1-D and 2-D convolutions);
//   - the value histogram of every Relu / ThresholdedRelu input.
// The constructor plans this from the model (at batch 1; the plan holds for any batch size of
// the same model, since nodes are matched by their position in the ONNX graph) and creates the
// profile's records; nodeFinished adds each batch. Provenance is left to the caller.
class ProfilingObserver : public ExecutionObserver {
public:
    // `profile` must outlive the observer. `cancel`, when given, stops a run between nodes.
    ProfilingObserver(const Model& model, ActivationProfile& profile, const std::atomic<bool>* cancel = nullptr);

    void nodeFinished(const Node& node, std::span<const HostTensor* const> inputs,
                      std::span<const HostTensor> outputs) override;
    bool cancelled() const override { return cancel_ && cancel_->load(std::memory_order_relaxed); }
    // Every statistic is computed in either layout, so the executor need not copy.
    bool acceptsChannelsLast() const override { return true; }

    // For the runs that follow: count only the first `items` of each tensor's `batch` items
    // (dim 0); the rest is padding that filled a fixed-size run. A tensor whose first dim is not
    // `batch` is refused (ModelError) while padding is excluded. Default: count everything.
    void countOnlyFirstItems(int64_t items, int64_t batch);

    // For the runs that follow: add statistics only at the nodes marked (by NodeProto index,
    // Node::protoIndex); the records fed at other nodes keep their counts. Empty: every node.
    // Incremental re-profiling marks the nodes whose activations changed.
    void recordOnly(std::vector<bool> byProtoIndex);
    // Copies into `into` the records fed at the nodes recordOnly left out, from `previous`; both
    // profiles must have been planned from this observer's model.
    void copyUnrecorded(const ActivationProfile& previous, ActivationProfile& into) const;

private:
    // What to do when a node finishes, by the node's index in the ONNX graph.
    struct Step {
        bool fromOutput = true;   // a tensor record fed from an output (else an input)
        std::size_t slot = 0;     // that output's or input's position
        std::size_t record = 0;   // index in profile.tensors
    };
    struct NodePlan {
        std::vector<Step> zeros;
        std::ptrdiff_t conv = -1; // index in profile.convolutions
        PlaneWindows windows;
        std::ptrdiff_t relu = -1; // index in profile.relus
    };

    void countZeros(const Node& node, const HostTensor& t, TensorZeros& record);
    // How many of t's items (dim 0) to count.
    int64_t countedItems(const Node& node, const HostTensor& t) const;

    ActivationProfile& profile_;
    const std::atomic<bool>* cancel_;
    std::vector<NodePlan> plans_;
    std::string file_;
    int64_t countedItems_ = -1; // -1: all
    int64_t runBatch_ = 0;
    std::vector<bool> recorded_; // by protoIndex; empty: all
};

} // namespace foldwise
