#include "model/GraphBuilder.h"

#include "model/AttributeDecoding.h"
#include "model/LocalFunctions.h"
#include "model/MappedFile.h"
#include "model/ModelError.h"
#include "model/NodeSubgraphs.h"
#include "model/ProtoShapes.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <optional>
#include <queue>
#include <set>
#include <unordered_set>

namespace foldwise {
namespace {

std::string describeNode(const Node& n)
{
    return "node '" + n.name + "' (" + n.opType + ")";
}

// Names a sub-graph reads but does not define itself: they come from an enclosing scope.
void collectOuterReferences(const onnx::GraphProto& g, std::set<std::string>& out)
{
    std::unordered_set<std::string> defined;
    for (const auto& i : g.input())
        defined.insert(i.name());
    for (const auto& t : g.initializer())
        defined.insert(t.name());
    for (const auto& n : g.node())
        for (const auto& o : n.output())
            defined.insert(o);
    std::set<std::string> used;
    for (const auto& n : g.node()) {
        for (const auto& i : n.input())
            if (!i.empty())
                used.insert(i);
        forEachSubgraph(n, [&](const onnx::GraphProto& sub) { collectOuterReferences(sub, used); });
    }
    for (const auto& o : g.output())
        used.insert(o.name());
    for (const std::string& name : used)
        if (!defined.count(name))
            out.insert(name);
}

} // namespace

GraphBuilder::GraphBuilder(const onnx::GraphProto& proto, std::filesystem::path modelFile,
                           const SingleNodeFunctions* functions)
    : proto_(proto), modelFile_(std::move(modelFile)), functions_(functions)
{
}

void GraphBuilder::fail(const std::string& reason) const
{
    throw ModelError(modelFile_.string(), reason);
}

Graph GraphBuilder::build()
{
    addInitializers();
    addGraphInputs();
    addNodes();
    checkUndefinedTensors();
    addGraphOutputs();
    resolveImplicitInputs();
    sortTopologically();
    return std::move(graph_);
}

TensorId GraphBuilder::tensorFor(const std::string& name)
{
    const auto it = graph_.tensorByName_.find(name);
    if (it != graph_.tensorByName_.end())
        return it->second;
    const auto id = static_cast<TensorId>(graph_.tensors_.size());
    Tensor t;
    t.name = name;
    graph_.tensors_.push_back(std::move(t));
    graph_.tensorByName_.emplace(name, id);
    return id;
}

std::shared_ptr<const MappedFile> GraphBuilder::externalFile(const std::string& location, const std::string& what)
{
    const std::filesystem::path relative(location);
    if (location.empty() || relative.is_absolute())
        fail(what + " names external data file '" + location + "'; it must be a path relative to the model");
    for (const auto& part : relative.lexically_normal())
        if (part == "..")
            fail(what + " names external data file '" + location + "', which lies outside the model's folder");
    const auto it = externalFiles_.find(location);
    if (it != externalFiles_.end())
        return it->second;
    const std::filesystem::path full = modelFile_.parent_path() / relative;
    std::error_code ec;
    if (!std::filesystem::exists(full, ec))
        fail(what + " is stored in external data file '" + full.string() + "', which does not exist");
    std::shared_ptr<const MappedFile> mapped;
    try {
        mapped = std::make_shared<const MappedFile>(full);
    } catch (const ModelError& e) {
        fail(what + ": external data " + e.what());
    }
    externalFiles_.emplace(location, mapped);
    return mapped;
}

ConstantData GraphBuilder::makeConstantData(const onnx::TensorProto& t, const std::string& what)
{
    for (int64_t d : t.dims())
        if (d < 0)
            fail(what + " has negative dimension " + std::to_string(d));
    if (!checkedProduct({t.dims().begin(), t.dims().end()}))
        fail(what + " has dimensions whose product overflows 64 bits");
    if (!isKnownDataType(t.data_type()))
        fail(what + " has unknown element type " + std::to_string(t.data_type()));

    std::shared_ptr<const MappedFile> external;
    std::size_t offset = 0;
    if (t.data_location() == onnx::TensorProto::EXTERNAL) {
        std::string location;
        int64_t length = -1;
        for (const auto& entry : t.external_data()) {
            try {
                if (entry.key() == "location")
                    location = entry.value();
                else if (entry.key() == "offset")
                    offset = static_cast<std::size_t>(std::stoull(entry.value()));
                else if (entry.key() == "length")
                    length = static_cast<int64_t>(std::stoull(entry.value()));
            } catch (const std::exception&) {
                fail(what + " has a malformed external_data '" + entry.key() + "' value '" + entry.value() + "'");
            }
        }
        external = externalFile(location, what);
        const auto needed = static_cast<int64_t>(checkedProduct({t.dims().begin(), t.dims().end()}).value_or(0)
                                                 * static_cast<int64_t>(dataTypeSize(static_cast<DataType>(t.data_type()))));
        if (length >= 0 && length != needed)
            fail(what + " declares " + std::to_string(length) + " bytes of external data but its shape and type need "
                 + std::to_string(needed));
    }
    ConstantData data(&t, std::move(external), offset);
    if (std::string problem = data.checkSize(); !problem.empty())
        fail(what + " " + problem);
    return data;
}

void GraphBuilder::addInitializers()
{
    for (const auto& t : proto_.initializer()) {
        const std::string what = "initializer '" + t.name() + "'";
        if (t.name().empty())
            fail("an initializer has no name");
        if (graph_.tensorByName_.count(t.name()))
            fail("initializer '" + t.name() + "' is defined twice");
        ConstantData data = makeConstantData(t, what);
        const TensorId id = tensorFor(t.name());
        Tensor& tensor = graph_.tensors_[static_cast<std::size_t>(id)];
        tensor.role = TensorRole::Initializer;
        tensor.type = data.type();
        tensor.shape = Shape::fromValues(data.dims());
        tensor.hasShape = true;
        tensor.initializer = static_cast<int32_t>(graph_.initializers_.size());
        graph_.initializers_.push_back(Initializer{t.name(), std::move(data)});
    }
    for (const auto& sparse : proto_.sparse_initializer()) {
        const std::string& name = sparse.values().name();
        if (name.empty() || graph_.tensorByName_.count(name))
            fail("sparse initializer '" + name + "' has no name or is defined twice");
        Tensor& tensor = graph_.tensors_[static_cast<std::size_t>(tensorFor(name))];
        tensor.role = TensorRole::Initializer;
        tensor.type = static_cast<DataType>(sparse.values().data_type());
        tensor.shape = Shape::fromValues({sparse.dims().begin(), sparse.dims().end()});
        tensor.hasShape = true;
    }
}

void GraphBuilder::addGraphInputs()
{
    std::unordered_set<std::string> seen;
    for (const auto& input : proto_.input()) {
        if (input.name().empty())
            fail("a graph input has no name");
        if (!seen.insert(input.name()).second)
            fail("graph input '" + input.name() + "' is listed twice");
        checkValueInfoDims(input, "graph input '" + input.name() + "'", modelFile_.string());
        const auto existing = graph_.tensorByName_.find(input.name());
        if (existing != graph_.tensorByName_.end())
            continue; // an initializer also listed as an input (a default value): it stays a constant
        const TensorId id = tensorFor(input.name());
        Tensor& t = graph_.tensors_[static_cast<std::size_t>(id)];
        t.role = TensorRole::GraphInput;
        applyValueInfo(input, t);
        graph_.inputs_.push_back(id);
    }
}

void GraphBuilder::addNodes()
{
    // Names: keep the model's where unique; generate <OpType>_<k> for empty ones, suffix duplicates.
    std::unordered_set<std::string> taken;
    for (const auto& n : proto_.node())
        if (!n.name().empty())
            taken.insert(n.name());
    std::unordered_set<std::string> used;
    std::map<std::string, int> perOpCounter;

    graph_.nodes_.reserve(static_cast<std::size_t>(proto_.node_size()));
    for (int index = 0; index < proto_.node_size(); ++index) {
        const std::optional<onnx::NodeProto> expanded
            = functions_ ? functions_->expand(proto_.node(index)) : std::nullopt;
        const auto& np = expanded ? *expanded : proto_.node(index);
        Node node;
        node.opType = np.op_type();
        node.domain = np.domain() == "ai.onnx" ? "" : np.domain();
        node.protoIndex = index;
        if (node.opType.empty())
            fail("node " + std::to_string(index) + (np.name().empty() ? "" : " '" + np.name() + "'") + " has no op_type");
        std::string name = np.name();
        if (name.empty() || used.count(name)) {
            const std::string base = name.empty() ? node.opType : name;
            int& k = perOpCounter[base];
            do
                name = base + "_" + std::to_string(k++);
            while (used.count(name) || (name != np.name() && taken.count(name)));
        }
        used.insert(name);
        node.name = name;
        for (const auto& a : np.attribute())
            node.attributes.push_back(decodeAttribute(a));

        const auto nodeId = static_cast<NodeId>(graph_.nodes_.size());
        for (const std::string& in : np.input()) {
            if (in.empty()) {
                node.inputs.push_back(kNoId);
                continue;
            }
            const TensorId id = tensorFor(in);
            graph_.tensors_[static_cast<std::size_t>(id)].consumers.push_back(nodeId);
            node.inputs.push_back(id);
        }
        for (const std::string& out : np.output()) {
            if (out.empty()) {
                node.outputs.push_back(kNoId);
                continue;
            }
            const TensorId id = tensorFor(out);
            Tensor& t = graph_.tensors_[static_cast<std::size_t>(id)];
            if (t.role == TensorRole::Initializer)
                fail(describeNode(node) + " writes tensor '" + out + "', which is an initializer");
            if (t.role == TensorRole::GraphInput)
                fail(describeNode(node) + " writes tensor '" + out + "', which is a graph input");
            // The node itself is not in nodes_ yet: its own repeated output is told apart first.
            if (t.producer == nodeId)
                fail(describeNode(node) + " writes tensor '" + out + "' twice");
            if (t.producer != kNoId)
                fail("tensor '" + out + "' is produced twice: by " + describeNode(graph_.nodes_[static_cast<std::size_t>(t.producer)])
                     + " and by " + describeNode(node));
            t.producer = nodeId;
            node.outputs.push_back(id);
        }
        if (node.opType == "Constant" && node.domain.empty() && !node.outputs.empty() && node.outputs[0] != kNoId) {
            for (const auto& a : np.attribute())
                if (a.name() == "value" && a.has_t())
                    graph_.constantNodeValues_.emplace(node.outputs[0],
                                                       makeConstantData(a.t(), "constant of " + describeNode(node)));
        }
        graph_.nodeByName_.emplace(node.name, nodeId);
        graph_.nodes_.push_back(std::move(node));
    }
}

void GraphBuilder::checkUndefinedTensors()
{
    for (const Tensor& t : graph_.tensors_) {
        if (t.role != TensorRole::Intermediate || t.producer != kNoId)
            continue;
        const Node& reader = graph_.nodes_[static_cast<std::size_t>(t.consumers.front())];
        fail("tensor '" + t.name + "' read by " + describeNode(reader)
             + " is produced by no node and is neither a graph input nor an initializer");
    }
}

void GraphBuilder::addGraphOutputs()
{
    if (proto_.output_size() == 0)
        fail("the graph has no outputs");
    for (const auto& output : proto_.output()) {
        checkValueInfoDims(output, "graph output '" + output.name() + "'", modelFile_.string());
        const auto it = graph_.tensorByName_.find(output.name());
        if (it == graph_.tensorByName_.end())
            fail("graph output '" + output.name() + "' is produced by no node and is neither an input nor an initializer");
        Tensor& t = graph_.tensors_[static_cast<std::size_t>(it->second)];
        t.isGraphOutput = true;
        if (t.role == TensorRole::Intermediate)
            applyValueInfo(output, t);
        graph_.outputs_.push_back(it->second);
    }
}

void GraphBuilder::resolveImplicitInputs()
{
    for (Node& node : graph_.nodes_) {
        const auto& np = proto_.node(node.protoIndex);
        std::set<std::string> outer;
        forEachSubgraph(np, [&](const onnx::GraphProto& sub) { collectOuterReferences(sub, outer); });
        const auto nodeId = static_cast<NodeId>(&node - graph_.nodes_.data());
        for (const std::string& name : outer) {
            const auto it = graph_.tensorByName_.find(name);
            if (it == graph_.tensorByName_.end())
                fail("a sub-graph of " + describeNode(node) + " reads tensor '" + name + "', which is defined nowhere");
            node.implicitInputs.push_back(it->second);
            graph_.tensors_[static_cast<std::size_t>(it->second)].consumers.push_back(nodeId);
        }
    }
}

void GraphBuilder::sortTopologically()
{
    const std::size_t n = graph_.nodes_.size();
    std::vector<int> pending(n, 0);
    std::vector<std::vector<NodeId>> successors(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Node& node = graph_.nodes_[i];
        std::set<NodeId> preds;
        auto addPred = [&](TensorId id) {
            if (id == kNoId)
                return;
            const NodeId p = graph_.tensors_[static_cast<std::size_t>(id)].producer;
            if (p != kNoId)
                preds.insert(p);
        };
        for (TensorId id : node.inputs)
            addPred(id);
        for (TensorId id : node.implicitInputs)
            addPred(id);
        pending[i] = static_cast<int>(preds.size());
        for (NodeId p : preds)
            successors[static_cast<std::size_t>(p)].push_back(static_cast<NodeId>(i));
    }
    // Kahn's algorithm with a min-heap keeps the model's own order wherever it is already valid.
    std::priority_queue<NodeId, std::vector<NodeId>, std::greater<>> ready;
    for (std::size_t i = 0; i < n; ++i)
        if (pending[i] == 0)
            ready.push(static_cast<NodeId>(i));
    graph_.order_.reserve(n);
    while (!ready.empty()) {
        const NodeId id = ready.top();
        ready.pop();
        graph_.order_.push_back(id);
        for (NodeId s : successors[static_cast<std::size_t>(id)])
            if (--pending[static_cast<std::size_t>(s)] == 0)
                ready.push(s);
    }
    if (graph_.order_.size() == n)
        return;

    // Name one cycle: walk predecessors among the unsorted nodes until a node repeats.
    std::vector<bool> sorted(n, false);
    for (NodeId id : graph_.order_)
        sorted[static_cast<std::size_t>(id)] = true;
    NodeId current = kNoId;
    for (std::size_t i = 0; i < n && current == kNoId; ++i)
        if (!sorted[i])
            current = static_cast<NodeId>(i);
    std::vector<NodeId> path;
    std::vector<int> position(n, -1);
    while (position[static_cast<std::size_t>(current)] < 0) {
        position[static_cast<std::size_t>(current)] = static_cast<int>(path.size());
        path.push_back(current);
        const Node& node = graph_.nodes_[static_cast<std::size_t>(current)];
        NodeId next = kNoId;
        for (TensorId id : node.inputs) {
            if (id == kNoId)
                continue;
            const NodeId p = graph_.tensors_[static_cast<std::size_t>(id)].producer;
            if (p != kNoId && !sorted[static_cast<std::size_t>(p)]) {
                next = p;
                break;
            }
        }
        if (next == kNoId)
            for (TensorId id : node.implicitInputs) {
                const NodeId p = graph_.tensors_[static_cast<std::size_t>(id)].producer;
                if (p != kNoId && !sorted[static_cast<std::size_t>(p)]) {
                    next = p;
                    break;
                }
            }
        current = next;
    }
    std::vector<NodeId> cycle(path.begin() + position[static_cast<std::size_t>(current)], path.end());
    std::reverse(cycle.begin(), cycle.end());
    std::string text;
    for (NodeId id : cycle)
        text += "'" + graph_.nodes_[static_cast<std::size_t>(id)].name + "' -> ";
    text += "'" + graph_.nodes_[static_cast<std::size_t>(cycle.front())].name + "'";
    fail("the graph has a cycle: " + text + " (" + std::to_string(n - graph_.order_.size()) + " nodes cannot be ordered)");
}

} // namespace foldwise
