#pragma once

// Which ReLU layers share an earlier layer's sign decisions (domain reference section 6): the
// mapping file an induced-ReLU run starts from, and its resolution against a model into the
// layers, shapes and prototype counts the pass works with.
//
// Mapping file (JSON object, keys in file order):
//
//     {
//       "/relu/Relu": ["/relu/Relu", "/layer1/layer1.0/relu/Relu"],
//       "overrides": {"/layer4/layer4.1/relu_1/Relu": "identity", "/layer1/layer1.0/relu_1/Relu": "relu"}
//     }
//
// Each key whose value is a list names an inducer: a ReLU whose input's sign bits
// (DReLU = 1[x >= 0]) are computed for its prototype units, and the ReLUs listed induced by
// them (they compute no sign of their own). Listing the inducer itself makes it keep only its
// prototypes' decisions too; leaving it out keeps its own full ReLU. The key "overrides" with
// an object value sets layers to "identity" (the ReLU removed: its input passes through) or
// "relu" (the plain ReLU kept, stated explicitly). A ReLU appears in at most one role.

#include "model/Model.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace foldwise::passes {

enum class ReluOverride { Relu, Identity };

struct InducerEntry {
    std::string inducer;
    std::vector<std::string> induced; // as listed, the inducer itself included when listed
};

struct InducedReluMapping {
    std::string source; // the mapping file (named in every error), or a description
    std::vector<InducerEntry> inducers;
    std::vector<std::pair<std::string, ReluOverride>> overrides;
};

// Parses a mapping; throws ModelError(source, reason) for text that is not such a mapping.
InducedReluMapping parseInducedReluMapping(const std::string& json, const std::string& source);
// Reads and parses a mapping file; throws ModelError naming the file.
InducedReluMapping readInducedReluMapping(const std::filesystem::path& file);

// A ReLU node of the model and the data input its sign bits are taken from. Its "units" are
// the elements of one item of that input (C*H*W for an N x C x H x W tensor).
struct ReluLayer {
    std::string name;
    NodeId node = kNoId;
    std::string input;             // the ReLU's data input value
    std::string output;
    int64_t batch = 1;             // the input's leading dimension
    std::vector<int64_t> itemDims; // the input's other dimensions
    int64_t units = 0;             // product of itemDims
};

struct InducerPlan {
    ReluLayer inducer;
    int64_t prototypes = 0;
    std::vector<ReluLayer> induced; // as listed (the inducer itself included when listed)
    bool inducesItself() const;
};

struct InducedReluPlan {
    std::vector<InducerPlan> inducers;
    std::vector<std::pair<ReluLayer, ReluOverride>> overrides;
};

// Resolves `mapping` against `model` with one prototype count per inducer (mapping order).
// Throws ModelError(mapping.source, reason) naming the layer and the problem: a name that is
// no node, a node that is not exactly a ReLU (ReluMatch.h), a layer listed twice or in two
// roles, an inducer induced by another, an empty list, a prototype count outside
// 1..the inducer's units or a count list that does not match the inducers, an input without a
// known float shape, an induced layer whose batch differs from its inducer's or which lies
// upstream of its inducer (its output feeds the inducer's input, so the decisions it needs are
// not yet known when it runs).
//
// Shapes need not match: an induced unit may take its decision from any inducer unit (the
// choosing map is a full index map over the inducer's flattened units), so a 64x112x112 stem
// can induce a 128x28x28 layer, as in the reference results.
InducedReluPlan planInducedRelus(const Model& model, const InducedReluMapping& mapping,
                                 const std::vector<int64_t>& prototypes);

} // namespace foldwise::passes
