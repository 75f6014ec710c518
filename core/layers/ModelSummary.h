#pragma once

#include "layers/LayerFigures.h"

#include <map>
#include <vector>

namespace foldwise {

struct ModelTotals {
    int64_t macs = 0;             // sum over layers whose MACs are known
    int64_t params = 0;
    int64_t nodes = 0;
    int64_t layersWithUnknownMacs = 0;
    int64_t customNodes = 0;      // nodes without an ONNX schema that Foldwise does not know either
    int64_t qonnxNodes = 0;       // QONNX/FINN-ONNX quantizers and channels-last ops
    int64_t bops = 0;             // sum over layers whose BOPs are known
    int64_t weightMemoryBits = 0;
    bool quantized = false;       // some tensor has an integer format
    std::map<LayerKind, int64_t> nodesByKind;
};

// The layer view of a model: figures for every node in topological order, and totals.
struct ModelSummary {
    std::vector<LayerFigures> layers;
    ModelTotals totals;
};

ModelSummary summariseModel(const Model& model);

} // namespace foldwise
