#include "model/ConstantFolding.h"

#include "model/ConstantOps.h"
#include "model/qonnx/QonnxOps.h"
#include "model/qonnx/QuantizerFolding.h"

#include <unordered_map>

namespace foldwise {
namespace {

constexpr int64_t kMaxComputedElements = int64_t{1} << 24;

class NodeAttributes final : public FoldAttributes {
public:
    explicit NodeAttributes(const Node& n) : n_(n) {}

    std::optional<int64_t> integer(std::string_view name) const override
    {
        return read(name, AttributeType::Int, &Attribute::i);
    }
    std::optional<std::vector<int64_t>> integers(std::string_view name) const override
    {
        return read(name, AttributeType::Ints, &Attribute::ints);
    }
    std::optional<float> real(std::string_view name) const override
    {
        return read(name, AttributeType::Float, &Attribute::f);
    }
    std::optional<std::vector<float>> reals(std::string_view name) const override
    {
        return read(name, AttributeType::Floats, &Attribute::floats);
    }
    const onnx::TensorProto* tensor(std::string_view name) const override
    {
        return read(name, AttributeType::Tensor, &Attribute::tensor).value_or(nullptr);
    }

private:
    // The attribute's `field` when the node has the attribute with this type; none otherwise.
    template <class Value>
    std::optional<Value> read(std::string_view name, AttributeType type, Value Attribute::*field) const
    {
        const Attribute* a = n_.attribute(name);
        return a && a->type == type ? std::optional<Value>(a->*field) : std::nullopt;
    }

    const Node& n_;
};

bool isStandard(const Node& n)
{
    return n.domain.empty() || n.domain == "ai.onnx";
}

class Folder {
public:
    Folder(const Graph& g, int64_t opset) : g_(g), opset_(opset) {}

    std::vector<FoldedConstant> run()
    {
        for (NodeId id : g_.topologicalOrder())
            fold(g_.node(id));
        return std::move(folded_);
    }

private:
    const ConstantData* constant(TensorId t) const
    {
        if (t == kNoId)
            return nullptr;
        const auto it = index_.find(t);
        return it != index_.end() ? &folded_[it->second].data : g_.constantData(t);
    }

    void add(TensorId t, ConstantData data)
    {
        index_[t] = folded_.size();
        folded_.push_back({t, std::move(data)});
    }

    // A reshape's static output shape, when it keeps the element count of its constant input.
    std::optional<std::vector<int64_t>> sameSizeShape(TensorId out, const ConstantData& x) const
    {
        const Tensor& result = g_.tensor(out);
        if (!result.hasShape || !result.shape.isStatic() || result.shape.elementCount().value_or(-1) != x.elementCount())
            return std::nullopt;
        return result.shape.values();
    }

    void fold(const Node& n)
    {
        // Constant nodes are constants already; Shape and Size read only static shapes.
        const bool shapeOnly = isStandard(n) && (n.opType == "Shape" || n.opType == "Size");
        if (n.outputs.size() != 1 || n.outputs[0] == kNoId || n.inputs.empty() || g_.isConstant(n.outputs[0])
            || !n.implicitInputs.empty())
            return;
        if (!shapeOnly)
            for (TensorId t : n.inputs)
                if (t != kNoId && !constant(t))
                    return;
        const TensorId out = n.outputs[0];
        if (const qonnx::Op op = qonnx::opOf(n); op == qonnx::Op::Quant || op == qonnx::Op::BipolarQuant) {
            if (auto q = qonnx::foldQuantizer(g_, n, op, [this](TensorId t) { return constant(t); }))
                add(out, std::move(*q));
            return;
        }
        if (!isStandard(n) || !isFoldableOp(n.opType))
            return;
        if (n.opType == "Identity" || n.opType == "Reshape" || n.opType == "Flatten" || n.opType == "Squeeze"
            || n.opType == "Unsqueeze") {
            // Same bytes, other dims: shared, whatever the size.
            const ConstantData& x = *constant(n.inputs[0]);
            if (auto dims = sameSizeShape(out, x)) {
                add(out, x.reshapedTo(std::move(*dims)));
                return;
            }
        }
        std::vector<FoldValue> values;
        values.reserve(n.inputs.size());
        std::vector<FoldOperand> operands;
        std::vector<std::vector<int64_t>> shapes;
        shapes.reserve(n.inputs.size());
        for (TensorId t : n.inputs) {
            FoldOperand o;
            o.present = t != kNoId;
            if (o.present) {
                const Tensor& tensor = g_.tensor(t);
                if (tensor.hasShape && tensor.shape.isStatic()) {
                    shapes.push_back(tensor.shape.values());
                    o.shape = &shapes.back();
                }
                if (!shapeOnly) {
                    auto v = foldValueOf(*constant(t), kMaxComputedElements);
                    if (!v)
                        return;
                    values.push_back(std::move(*v));
                    o.value = &values.back();
                }
            }
            operands.push_back(o);
        }
        if (auto v = evaluateConstantOp(n.opType, opset_, NodeAttributes(n), operands, kMaxComputedElements))
            add(out, constantDataOf(*v));
    }

    const Graph& g_;
    int64_t opset_;
    std::vector<FoldedConstant> folded_;
    std::unordered_map<TensorId, std::size_t> index_;
};

} // namespace

std::vector<FoldedConstant> foldConstants(const Graph& graph, int64_t opset)
{
    return Folder(graph, opset).run();
}

} // namespace foldwise
