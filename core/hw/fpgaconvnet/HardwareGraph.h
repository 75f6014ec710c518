#pragma once

#include "hw/fpgaconvnet/HardwareLayer.h"
#include "model/Model.h"

#include <string>
#include <vector>

namespace foldwise {
class ActivationProfile;
}

namespace foldwise::fpgaconvnet {

// A model as fpgaConvNet builds it: one hardware layer per supported ONNX node, in topological
// order, with
//   - BatchNormalization after a convolution or inner product folded into it (fpgaConvNet's
//     parser fuses them first);
//   - shape-only nodes (Flatten, Reshape, Squeeze, Unsqueeze, Identity, Dropout) and a final
//     Softmax left out, as are channel shuffles and layout Transposes at the graph's ends
//     (GraphPatterns.h; each noted in `notes`);
//   - SiLU (x * Sigmoid(x)) as one HardSwish layer, channel Slices that tile a stream as one
//     Chop, a BatchNormalization no convolution absorbs as a BatchNorm layer;
//   - a Split layer wherever one tensor feeds several layers (the hardware must fork the stream).
// Sparsity: each convolution takes its input's window histogram from the profile when given (by
// node name), else from the node's `channel_sparsity_hist` attribute (fpgaConvNet's annotation).
struct HardwareGraph {
    std::vector<HardwareLayer> layers;
    std::string modelName;
    // What the build did that a reader of the design should know: nodes given no hardware
    // (channel shuffles, layout transposes at the graph's ends) and layers fpgaConvNet's own
    // parser would build differently.
    std::vector<std::string> notes;

    int indexOf(const std::string& name) const; // -1 when absent
};

struct HardwareGraphOptions {
    // Merge each ReLU the fusion pass marked (model/FusedActivations.h) into the convolution or
    // inner product before it: no ReLU layer, the layer's `fusedActivation` names it. Off by
    // default because fpgaConvNet's own toolflow has no merged ReLU: its config.json must keep
    // the ReLU layer for the hardware it builds to compute one.
    bool mergeFusedActivations = false;
};

// Throws ModelError naming the nodes fpgaConvNet has no layer for (unsupported ops), shapes it
// needs but shape inference did not give, and histograms of the wrong length.
HardwareGraph buildHardwareGraph(const Model& model, const ActivationProfile* profile = nullptr,
                                 const HardwareGraphOptions& options = {});

} // namespace foldwise::fpgaconvnet
