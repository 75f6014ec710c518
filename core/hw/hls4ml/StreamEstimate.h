#pragma once

// hls4ml's io_stream dataflow as stages and FIFOs (domain reference section 4): every layer is a
// dataflow process and every stream between two processes an hls::stream FIFO of hls4ml's default
// depth prod(shape)/channels (H*W for a conv output) and width channels*bits (one word packs all
// channels of a pixel). The graph is read as hls4ml's converter and optimisers would leave it:
//   - shape-only nodes (Flatten, Reshape, Squeeze, Unsqueeze, Identity, Dropout) and constant
//     computations are no stage;
//   - a BatchNormalization whose input comes only from a Conv/Gemm/MatMul is fused into it
//     (hls4ml's fuse_batchnorm), no stage;
//   - a ReLU marked fused (model/FusedActivations.h) is merged into its layer (merged_relu):
//     no stage and no FIFO of its own, unless the settings say not to honour the marks;
//   - a value read by several stages goes through a clone stage (hls4ml's clone_output) with
//     one FIFO per reader.
// The graph input and outputs are the top function's ports, not FIFOs.
// Resources: FIFO block RAM by the reference's FIFO rule (fpgaconvnet::bram18 with fifo = true:
// none at depth <= 32 or <= 1024 bits); LUTs of a FIFO: 2*ceil(log2 depth) of read/write
// pointers, plus, when it is not in block RAM, ceil(depth/32)*width shift-register LUTs (SRL32:
// one LUT holds 32 deep x 1 bit). Compute layers' own resources are not estimated here; fusion
// does not change them (the merged ReLU's comparators move into the layer's output loop).

#include "hw/Resources.h"
#include "model/Model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::hls4ml {

struct StreamSettings {
    int bits = 16;               // hls4ml's default ap_fixed<16,6>
    bool honourFusedActivations = true;
};

struct Stage {
    std::string name;                // the ONNX node ("clone_<value>" for a clone)
    std::string op;                  // ONNX op, or "Clone"
    std::vector<std::string> merged; // ONNX nodes folded into it (BatchNormalization, fused ReLU)
};

struct Fifo {
    std::string value;   // the ONNX value it carries
    std::string from, to;
    int64_t depth = 0;   // words
    int64_t width = 0;   // bits per word
    ResourceUsage resources;
};

struct StreamEstimate {
    std::vector<Stage> stages;
    std::vector<Fifo> fifos;
    ResourceUsage fifoResources; // sum over the FIFOs
    std::vector<std::string> ignoredFusions; // fusion marks that no longer match the graph
};

// Throws ModelError naming the value whose shape is not known (hls4ml needs static shapes) or
// bits outside 1..64.
StreamEstimate estimateStreams(const Model& model, const StreamSettings& settings = {});

// One FIFO's resources by the rules above.
ResourceUsage fifoResources(int64_t depth, int64_t width);

} // namespace foldwise::hls4ml
