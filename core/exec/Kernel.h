#pragma once

#include "model/HostTensor.h"
#include "model/Model.h"

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace foldwise {

class SharedWeights;

// Thrown while building a kernel for a node it cannot run (op, attribute value or element
// type); the executor gathers these before any execution starts.
class UnsupportedNode : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What a kernel factory sees: the node, its model (types, shapes, constants) and opset.
struct KernelBuildContext {
    const Model& model;
    const Node& node;
    int64_t opset = 0;
    // Set by the executor's fusion pass: the node's single consumer is a Relu that this
    // kernel applies itself (the Relu node then passes the tensor through).
    bool fusedRelu = false;
    // Convolutions may use Winograd's algorithm (see ExecutorOptions::winograd).
    bool winograd = false;
    // Where kernels share constant weights in their primitives' layouts with other executors
    // of the same model (ExecutorOptions::sharedWeights); nullptr: each kernel keeps its own.
    SharedWeights* sharedWeights = nullptr;

    const Graph& graph() const { return model.graph(); }
    // Element type of input/output i as inferred (Undefined when unknown or omitted).
    DataType inputType(std::size_t i) const;
    DataType outputType(std::size_t i) const;
    bool hasInput(std::size_t i) const { return i < node.inputs.size() && node.inputs[i] != kNoId; }
    // Constant value of input i (initializer or Constant node), or nullptr.
    const ConstantData* constantInput(std::size_t i) const;
    [[noreturn]] void unsupported(const std::string& why) const;
    // Throws UnsupportedNode unless every listed input that is present has one of `types`.
    void requireInputTypes(std::initializer_list<std::size_t> inputs, std::initializer_list<DataType> types) const;
};

// Runs one node. Inputs are in the node's order (nullptr for omitted optional inputs);
// the kernel fills `outputs` (one entry per node output, left empty for omitted ones).
// Kernels may cache work keyed on input shapes (primitive creation) but hold no per-run state,
// so one executor runs batch after batch.
class Kernel {
public:
    virtual ~Kernel() = default;
    // Whether run() takes input `input` channels-last as it is; the executor converts the
    // others to row-major.
    virtual bool acceptsChannelsLast(std::size_t /*input*/) const { return false; }
    virtual void run(std::span<const HostTensor* const> inputs, std::vector<HostTensor>& outputs) = 0;
};

} // namespace foldwise
