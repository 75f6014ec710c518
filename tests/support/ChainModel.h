#pragma once

// A deep, purely linear model for the graph view's tests and benchmark: input -> (Conv 1x1,
// Relu) x N/2 -> output, i.e. N nodes in one chain.

#include "OnnxFixtures.h"

#include <string>

namespace fixtures {

inline void saveChainModel(const std::string& path, int nodes)
{
    onnx::ModelProto m = makeModel();
    addInput(m, "x", {1, 4, 8, 8});
    std::string previous = "x";
    for (int i = 0; i < nodes; ++i) {
        const std::string out = "t" + std::to_string(i);
        if (i % 2 == 0)
            addConv(m, "conv_" + std::to_string(i), previous, out, 4, 4, 1);
        else
            addNode(m, "Relu", {previous}, {out}, "relu_" + std::to_string(i));
        previous = out;
    }
    addOutput(m, previous);
    save(m, path);
}

} // namespace fixtures
