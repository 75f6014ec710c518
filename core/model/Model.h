#pragma once

#include "model/Graph.h"
#include "model/InputShapes.h"
#include "model/qonnx/NumberFormat.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise {

struct LoadOptions {
    std::vector<InputShapeOverride> inputShapes;
    bool batchOneByDefault = true; // an unknown leading dim of an input becomes 1
    bool runChecker = true;        // ONNX checker findings become warnings
};

struct ModelInfo {
    int64_t irVersion = 0;
    std::string producerName;
    std::string producerVersion;
    std::string domain;
    int64_t modelVersion = 0;
    std::string docString;
    std::string graphName;
    std::map<std::string, int64_t> opsets; // domain ("" = ai.onnx) -> version
    std::uintmax_t fileSize = 0;
};

// A loaded ONNX model: the untouched ModelProto (kept for exports), the validated graph with
// inferred shapes, and what loading noticed. Immutable once made; share it as
// shared_ptr<const Model> across threads.
class Model {
public:
    // Throws ModelError naming the file and the problem.
    static std::shared_ptr<const Model> load(const std::filesystem::path& file, const LoadOptions& options = {});

    // The same model with other input shapes, shapes re-inferred; shares the protobuf and weights.
    std::shared_ptr<const Model> reshaped(const std::vector<InputShapeOverride>& inputShapes) const;

    const std::filesystem::path& file() const { return file_; }
    const onnx::ModelProto& proto() const { return *proto_; }
    const ModelInfo& info() const { return info_; }
    const Graph& graph() const { return graph_; }
    const LoadOptions& options() const { return options_; }
    const std::vector<std::string>& warnings() const { return warnings_; }

    // Opset version imported for a domain ("" and "ai.onnx" are the default domain); 0 if none.
    int64_t opsetVersion(const std::string& domain) const;

    // The number format of a tensor's values (QONNX quantizers, finn_datatype annotations);
    // nullopt for plain float (see qonnx/TensorFormats.h).
    const std::optional<qonnx::NumberFormat>& numberFormat(TensorId tensor) const;
    // True when any tensor has an integer (quantised) format.
    bool isQuantized() const { return quantized_; }
    // Whether a node's output was computed from constants at load (a quantised weight and the
    // reshapes after it): the executor never runs such a node.
    bool isFolded(NodeId node) const;

private:
    Model() = default;
    void build();

    std::filesystem::path file_;
    std::shared_ptr<const onnx::ModelProto> proto_;
    ModelInfo info_;
    LoadOptions options_;
    Graph graph_;
    std::vector<std::string> warnings_;
    std::vector<std::optional<qonnx::NumberFormat>> formats_;
    std::vector<bool> folded_;
    bool quantized_ = false;
};

} // namespace foldwise
