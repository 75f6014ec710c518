#pragma once

#include <string>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// ONNX's shape inference (libonnx 1.12) trusts a node to carry its operator's required
// attributes: a Scan without num_scan_inputs, for one, dereferences a null attribute and
// crashes the process. Before inference runs, every node of a standard domain (in the graph and
// in its subgraphs) is checked against its schema; a missing required attribute throws
// ModelError(file, "node 'n' (Scan) lacks its required attribute 'num_scan_inputs'").
// onnxruntime refuses such models too, so nothing that runs elsewhere is lost.
void checkRequiredAttributes(const onnx::ModelProto& model, const std::string& file);

} // namespace foldwise
