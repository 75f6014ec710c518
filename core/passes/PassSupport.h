#pragma once

// The steps every pass shares: starting the result, an editable copy of the source proto, node
// checks, and finishing (report figures, reload). Passes include this; callers do not need it.

#include "passes/PassResult.h"

#include <initializer_list>
#include <string>

namespace onnx {
class ModelProto;
class NodeProto;
} // namespace onnx

namespace foldwise::passes {

class GraphEditor;

// A result with `pass` set and the report's "pass" and "model" keys.
PassResult startPass(const std::string& pass, const Model& model);

// A copy of model.proto() to edit: every node named as Foldwise names it (generated names of
// unnamed nodes become real, so reports and fusion marks keep pointing at the same nodes) and
// initializers in external data files inlined (the output is written anywhere).
onnx::ModelProto editableCopy(const Model& model);

// Whether `node` is in the default domain and its op is one of `ops`.
bool isStandardOp(const Node& node, std::initializer_list<const char*> ops);

// Whether the proto node behind a graph node is that node itself (not a call of a local function
// the loader expanded), so that editing it edits that op.
bool protoMatches(const GraphEditor& editor, const Node& node);

// Sets (or adds) a FLOAT attribute.
void setFloatAttribute(onnx::NodeProto& node, const std::string& name, float value);

// Stores the proto in the result, loads it again with the source model's options (ModelError
// "<source>: the transformed model does not load: ..." when it does not) and completes the
// report: "changes", "nodes_before", "nodes_after", "notes", and "summary" = `summaryIfUnchanged`
// when given and the pass changed nothing.
void finishPass(PassResult& result, const Model& source, onnx::ModelProto proto,
                const char* summaryIfUnchanged = nullptr);

} // namespace foldwise::passes
