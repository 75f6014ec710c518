#pragma once

#include "model/Graph.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace onnx {
class GraphProto;
class TensorProto;
} // namespace onnx

namespace foldwise {

class MappedFile;
class SingleNodeFunctions;

// Builds and validates a Graph from a GraphProto. Every structural problem (undefined tensor,
// two producers, a cycle, bad initializer data, negative dims, missing external data) is
// reported as a ModelError naming the file and the offending node or tensor.
class GraphBuilder {
public:
    // `modelFile` names the model in errors and locates external data files (relative to its folder).
    // Calls of `functions` (the model's single-node local functions) become their body node.
    GraphBuilder(const onnx::GraphProto& proto, std::filesystem::path modelFile,
                 const SingleNodeFunctions* functions = nullptr);

    Graph build();

private:
    [[noreturn]] void fail(const std::string& reason) const;
    ConstantData makeConstantData(const onnx::TensorProto& t, const std::string& what);
    std::shared_ptr<const MappedFile> externalFile(const std::string& location, const std::string& what);
    void addInitializers();
    void addGraphInputs();
    void addNodes();
    void checkUndefinedTensors();
    void addGraphOutputs();
    void resolveImplicitInputs();
    void sortTopologically();
    TensorId tensorFor(const std::string& name);

    const onnx::GraphProto& proto_;
    std::filesystem::path modelFile_;
    const SingleNodeFunctions* functions_;
    Graph graph_;
    std::map<std::string, std::shared_ptr<const MappedFile>> externalFiles_;
};

} // namespace foldwise
