#pragma once

#include <string>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// ONNX 1.12's convolution inference takes the kernel's rank from the weight when the node has no
// kernel_shape attribute, and indexes the input's per-axis vectors with it unchecked: a rank-2
// input with a rank-4 weight reads past an empty vector (SIGSEGV). On the inference copy of the
// model, Conv, ConvInteger, QLinearConv and ConvTranspose nodes without kernel_shape get it from
// their weight's static shape, so ONNX compares the ranks itself and fails cleanly (the values
// are those inference would read from the weight). A node whose weight's shape is known only
// once inference has run (computed, or with symbolic dims) is parked meanwhile (renamed to an op
// ONNX does not know, so inference passes it by) and resumed once inference has given the weight
// a static shape; until then its outputs have no inferred shape. Inside If/Loop/Scan bodies a
// node without a static weight shape stays parked.
class KernelShapeGuard {
public:
    // Completes what it can and parks the rest, on `model` (the inference copy).
    explicit KernelShapeGuard(onnx::ModelProto& model);
    // After an inference pass: completes and resumes the parked nodes whose weight now has a
    // static shape (from the graph's value_info). True if any was resumed (infer again).
    bool resume(onnx::ModelProto& model);

private:
    struct Parked {
        std::string output; // the node's first output: constant folding may replace nodes
        std::string opType;
        std::string weight;
    };
    std::vector<Parked> parked_;
};

} // namespace foldwise
