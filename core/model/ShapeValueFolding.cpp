#include "model/ShapeValueFolding.h"

#include "model/ConstantOps.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace foldwise {
namespace {

// The light copy keeps initializers up to 1024 elements (ShapeInference.cpp); what folding
// makes there stays as small, so a constant mask or padding tensor does not bloat it.
constexpr int64_t kMaxLightElements = 1 << 16;

class ProtoAttributes final : public FoldAttributes {
public:
    explicit ProtoAttributes(const onnx::NodeProto& n) : n_(n) {}

    std::optional<int64_t> integer(std::string_view name) const override
    {
        return read(name, onnx::AttributeProto::INT, [](const onnx::AttributeProto& a) { return a.i(); });
    }
    std::optional<std::vector<int64_t>> integers(std::string_view name) const override
    {
        return read(name, onnx::AttributeProto::INTS,
                    [](const onnx::AttributeProto& a) { return std::vector<int64_t>(a.ints().begin(), a.ints().end()); });
    }
    std::optional<float> real(std::string_view name) const override
    {
        return read(name, onnx::AttributeProto::FLOAT, [](const onnx::AttributeProto& a) { return a.f(); });
    }
    std::optional<std::vector<float>> reals(std::string_view name) const override
    {
        return read(name, onnx::AttributeProto::FLOATS,
                    [](const onnx::AttributeProto& a) { return std::vector<float>(a.floats().begin(), a.floats().end()); });
    }
    const onnx::TensorProto* tensor(std::string_view name) const override
    {
        const auto* a = find(name, onnx::AttributeProto::TENSOR);
        return a ? &a->t() : nullptr;
    }

private:
    // `value` of the attribute when the node has it with this type; none otherwise.
    template <class Value>
    auto read(std::string_view name, onnx::AttributeProto::AttributeType type, Value value) const
        -> std::optional<decltype(value(std::declval<const onnx::AttributeProto&>()))>
    {
        if (const auto* a = find(name, type))
            return value(*a);
        return std::nullopt;
    }
    const onnx::AttributeProto* find(std::string_view name, onnx::AttributeProto::AttributeType type) const
    {
        for (const auto& a : n_.attribute())
            if (a.name() == name && a.type() == type)
                return &a;
        return nullptr;
    }
    const onnx::NodeProto& n_;
};

class Folder {
public:
    explicit Folder(onnx::ModelProto& m) : m_(m)
    {
        for (const auto& o : m.opset_import())
            if (o.domain().empty() || o.domain() == "ai.onnx")
                opset_ = o.version();
        auto addShape = [this](const onnx::ValueInfoProto& vi) {
            if (!vi.type().tensor_type().has_shape())
                return;
            std::vector<int64_t> dims;
            for (const auto& d : vi.type().tensor_type().shape().dim()) {
                if (!d.has_dim_value())
                    return;
                dims.push_back(d.dim_value());
            }
            shapes_[vi.name()] = dims;
        };
        for (const auto& vi : m.graph().input())
            addShape(vi);
        for (const auto& vi : m.graph().value_info())
            addShape(vi);
        for (const auto& t : m.graph().initializer()) {
            if (auto v = foldValueOf(t, kMaxLightElements))
                values_[t.name()] = std::move(*v);
            shapes_[t.name()] = std::vector<int64_t>(t.dims().begin(), t.dims().end());
        }
    }

    int run()
    {
        int replaced = 0;
        for (auto& n : *m_.mutable_graph()->mutable_node()) {
            if ((!n.domain().empty() && n.domain() != "ai.onnx") || n.output_size() != 1 || n.output(0).empty())
                continue;
            std::vector<FoldOperand> operands;
            for (const std::string& name : n.input()) {
                FoldOperand o;
                o.present = !name.empty();
                if (const auto v = values_.find(name); o.present && v != values_.end())
                    o.value = &v->second;
                if (const auto s = shapes_.find(name); o.present && s != shapes_.end())
                    o.shape = &s->second;
                operands.push_back(o);
            }
            std::optional<FoldValue> result
                = evaluateConstantOp(n.op_type(), opset_, ProtoAttributes(n), operands, kMaxLightElements);
            if (!result)
                continue;
            if (n.op_type() != "Constant") {
                replaceByConstant(n, *result);
                ++replaced;
            }
            shapes_[n.output(0)] = result->dims;
            values_[n.output(0)] = std::move(*result);
        }
        return replaced;
    }

private:
    static void replaceByConstant(onnx::NodeProto& n, const FoldValue& v)
    {
        const std::string output = n.output(0);
        const std::string name = n.name();
        n.Clear();
        n.set_name(name);
        n.set_op_type("Constant");
        n.add_output(output);
        auto* a = n.add_attribute();
        a->set_name("value");
        a->set_type(onnx::AttributeProto::TENSOR);
        writeTensorProto(v, *a->mutable_t());
    }

    onnx::ModelProto& m_;
    int64_t opset_ = 0;
    std::map<std::string, std::vector<int64_t>> shapes_;
    std::map<std::string, FoldValue> values_;
};

} // namespace

std::vector<bool> shapeValueTensors(const Graph& g)
{
    std::vector<bool> shapeValue(g.tensors().size(), false);
    const auto staticInput = [&](TensorId t) {
        return t == kNoId || g.isConstant(t) || g.tensor(t).role == TensorRole::Initializer
            || shapeValue[static_cast<std::size_t>(t)];
    };
    for (NodeId id : g.topologicalOrder()) {
        const Node& n = g.node(id);
        const bool shapeOp = (n.domain.empty() || n.domain == "ai.onnx") && n.opType == "Shape";
        if (shapeOp || std::all_of(n.inputs.begin(), n.inputs.end(), staticInput))
            for (TensorId t : n.outputs)
                if (t != kNoId)
                    shapeValue[static_cast<std::size_t>(t)] = true;
    }
    return shapeValue;
}

int foldShapeComputations(onnx::ModelProto& light)
{
    return Folder(light).run();
}

} // namespace foldwise
