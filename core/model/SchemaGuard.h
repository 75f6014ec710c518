#pragma once

#include <map>
#include <string>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// ONNX's shape inference (libonnx 1.12) trusts a node's attributes: a Scan without
// num_scan_inputs, for one, dereferences a null attribute and crashes the process, and a pooling
// or convolution with a stride of 0 divides by zero (SIGFPE). Before inference runs, every node
// of a standard domain (in the graph and in its subgraphs) is checked: a missing required
// attribute (by its schema) or a stride that is not positive throws ModelError(file, "node 'n'
// (Scan) lacks its required attribute 'num_scan_inputs'"). onnxruntime refuses such models too,
// so nothing that runs elsewhere is lost.
// `nameByOutput` gives the node names Foldwise shows (generated for unnamed nodes) by a node's
// first output; other nodes are called by their own name, else <OpType>_<k>.
void checkAttributesForInference(const onnx::ModelProto& model, const std::string& file,
                                 const std::map<std::string, std::string>& nameByOutput);

} // namespace foldwise
