#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::fpgaconvnet {

// fpgaConvNet's layer types (domain reference section 1).
enum class LayerType {
    Convolution,
    InnerProduct,
    Pooling,
    ReLU,
    ThresholdedReLU,
    EltWise,
    Concat,
    Split,
    GlobalPooling,
    Squeeze,
    // Per-channel scale and shift that no convolution before it can absorb (e.g. DenseNet's
    // BatchNormalization reading a Concat).
    BatchNorm,
    // x * relu6(x + 3) / 6, and also SiLU x * sigmoid(x), which fpgaConvNet's parser fuses into
    // this layer (fuse_mul_sigmoid_into_hardswish); opType tells which.
    HardSwish,
    Sigmoid,
    HardSigmoid,
    // Nearest-neighbour upsampling by integer factors (ONNX Resize / Upsample).
    ReSize,
    // One stream cut into channel ranges, one output per range (ONNX Split, or Slices of the
    // channel axis that tile it): fpgaConvNet's Chop.
    Chop,
};

const char* layerTypeName(LayerType type); // "Convolution", ...

// One hardware layer of a streaming accelerator: its geometry at batch 1 (what the folding
// divides) and, for convolutions, the input's window-zero histogram.
struct HardwareLayer {
    std::string name;     // unique; the ONNX node's name when there is one
    std::string onnxNode; // "" for inserted layers (Split, Squeeze)
    LayerType type = LayerType::ReLU;
    std::string opType;   // ONNX op ("Conv", "MaxPool", "Add", ...), or the inserted layer's type

    int64_t rowsIn = 1, colsIn = 1, channelsIn = 1;
    int64_t rowsOut = 1, colsOut = 1, channelsOut = 1;

    // Convolution / pooling window (kernel 1x1, stride 1, no padding for the others).
    int64_t kernelH = 1, kernelW = 1;
    int64_t strideH = 1, strideW = 1;
    int64_t padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
    int64_t groups = 1;
    int64_t filters = 1; // Convolution / InnerProduct output channels
    bool hasBias = false;
    std::string pooling = "max"; // Pooling / GlobalPooling: "max" or "avg"
    std::string eltwise = "add"; // EltWise: "add" or "mul"
    float threshold = 0;         // ThresholdedReLU alpha
    // Convolution / InnerProduct: the ONNX ReLU merged into its output ("" when none; see
    // HardwareGraphOptions::mergeFusedActivations).
    std::string fusedActivation;

    // Bit widths a quantised model states for this layer (its input activations, its weights);
    // 0: the design's global widths (ModelSettings::bits). See layerBits.
    int dataBits = 0;
    int weightBits = 0;

    // The ONNX names fpgaConvNet's config.json refers to: the node's input[0] and output[0]
    // tensors (partition input_nodes/output_nodes), its weight and bias initializers
    // (weights_path/bias_path; "" when none), and how many non-empty inputs the node has
    // (input_compression_ratio has one entry per input, initializers included).
    std::string inputTensor, outputTensor, weightsTensor, biasTensor;
    int onnxInputCount = 1;

    // Concat: channels of each input; Split/EltWise/Chop: number of ports.
    std::vector<int64_t> inputChannels;
    int ports = 1;
    // Chop: channels of each output, in port order (they sum to channelsIn).
    std::vector<int64_t> outputChannels;
    // ReSize: integer upsampling factors of rows and columns.
    int64_t scaleH = 1, scaleW = 1;
    // EltWise: one input is a 1 x 1 x C vector applied to every pixel of the other (the
    // squeeze-excitation multiply); the layer streams the full map and holds the vector.
    bool broadcast = false;

    // Per input channel, the fraction of the convolution's K-windows holding exactly j zeros,
    // j = 0..K (rows sum to 1); empty: dense (no profile).
    std::vector<double> windowHistogram;
    // Whether the hardware is a zero-skipping convolution: -1 decided from the histogram
    // (ModelSettings::sparseThreshold); 0 or 1 fixed by a saved design, so that re-evaluating
    // it with another profile keeps its hardware.
    int sparseHardware = -1;

    // Producers and consumers: indices of other layers (-1 for the graph input).
    std::vector<int> inputs;
    std::vector<int> outputs;

    int64_t kernelSize() const { return kernelH * kernelW; }
    bool hasSparsity() const { return !windowHistogram.empty(); }
    // Mean over channels of the expected zero fraction of a window, sum_j h[c][j] * j / K.
    double meanWindowSparsity() const;
};

} // namespace foldwise::fpgaconvnet
