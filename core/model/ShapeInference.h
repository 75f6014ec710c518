#pragma once

#include "model/Graph.h"
#include "model/Model.h"

#include <string>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// Runs ONNX shape inference and stores the resulting types and shapes in a Graph.
// Inference runs on a light copy of the model (initializer payloads left out, apart from the
// small ones shape computations read), so the original stays untouched and big models are
// not copied. Node-level inference failures become warnings; shapes stay as far as known.
class ShapeInference {
public:
    static void run(const onnx::ModelProto& model, Graph& graph, const LoadOptions& options,
                    const std::string& file, std::vector<std::string>& warnings);
};

} // namespace foldwise
