#include "model/qonnx/ConstantFolding.h"

#include "model/qonnx/QuantizerParams.h"

#include <cmath>
#include <cstring>
#include <unordered_map>

namespace foldwise::qonnx {
namespace {

// Small bit-width subgraphs only: these ops are folded for constants up to this size.
constexpr int64_t kSmallConstant = 1024;

ConstantData floatConstant(std::vector<int64_t> dims, const std::vector<float>& values)
{
    std::vector<std::byte> bytes(values.size() * sizeof(float));
    std::memcpy(bytes.data(), values.data(), bytes.size());
    return ConstantData::owned(DataType::Float, std::move(dims), std::move(bytes));
}

ConstantData copyWithDims(const ConstantData& c, std::vector<int64_t> dims)
{
    const auto bytes = c.bytes();
    return ConstantData::owned(c.type(), std::move(dims), std::vector<std::byte>(bytes.begin(), bytes.end()));
}

std::vector<int64_t> transposed(const std::vector<int64_t>& dims, const std::vector<int64_t>& perm)
{
    std::vector<int64_t> out;
    for (int64_t p : perm)
        out.push_back(dims[static_cast<std::size_t>(p)]);
    return out;
}

std::optional<ConstantData> transpose(const ConstantData& c, std::vector<int64_t> perm)
{
    const std::vector<int64_t>& dims = c.dims();
    const std::size_t rank = dims.size();
    if (perm.empty())
        for (std::size_t i = rank; i-- > 0;)
            perm.push_back(static_cast<int64_t>(i));
    if (perm.size() != rank)
        return std::nullopt;
    std::vector<bool> seen(rank, false);
    for (int64_t p : perm) {
        if (p < 0 || p >= static_cast<int64_t>(rank) || seen[static_cast<std::size_t>(p)])
            return std::nullopt;
        seen[static_cast<std::size_t>(p)] = true;
    }
    const std::size_t size = dataTypeSize(c.type());
    const auto in = c.bytes();
    if (size == 0 || in.size() != static_cast<std::size_t>(c.elementCount()) * size)
        return std::nullopt;
    const std::vector<int64_t> outDims = transposed(dims, perm);
    std::vector<int64_t> inStrides(rank, 1);
    for (std::size_t i = rank; i-- > 1;)
        inStrides[i - 1] = inStrides[i] * dims[i];
    std::vector<std::byte> out(in.size());
    std::vector<int64_t> index(rank, 0);
    for (int64_t o = 0; o < c.elementCount(); ++o) {
        int64_t source = 0;
        for (std::size_t d = 0; d < rank; ++d)
            source += index[d] * inStrides[static_cast<std::size_t>(perm[d])];
        std::memcpy(out.data() + o * static_cast<int64_t>(size), in.data() + source * static_cast<int64_t>(size), size);
        for (std::size_t d = rank; d-- > 0;) {
            if (++index[d] < outDims[d])
                break;
            index[d] = 0;
        }
    }
    return ConstantData::owned(c.type(), outDims, std::move(out));
}

class Folder {
public:
    explicit Folder(const Graph& g) : g_(g) {}

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

    bool isFolded(TensorId t) const { return t != kNoId && index_.count(t); }

    void add(TensorId t, ConstantData data)
    {
        index_[t] = folded_.size();
        folded_.push_back({t, std::move(data)});
    }

    static std::string_view plainOp(const Node& n)
    {
        return n.domain.empty() || n.domain == "ai.onnx" ? std::string_view(n.opType) : std::string_view();
    }

    void fold(const Node& n)
    {
        if (n.outputs.empty() || n.outputs[0] == kNoId || n.inputs.empty())
            return;
        for (TensorId t : n.inputs)
            if (t != kNoId && !constant(t))
                return;
        const TensorId out = n.outputs[0];
        const Op op = opOf(n);
        if (op == Op::Quant || op == Op::BipolarQuant) {
            foldQuantizer(n, op);
            return;
        }
        const std::string_view plain = plainOp(n);
        const ConstantData& x = *constant(n.inputs[0]);
        if (plain == "Ceil" || plain == "Floor" || plain == "Round") {
            if (x.elementCount() > kSmallConstant || !isFloatingPoint(x.type()))
                return;
            auto v = x.toFloats();
            if (!v)
                return;
            for (float& e : *v)
                e = plain == "Ceil" ? std::ceil(e) : plain == "Floor" ? std::floor(e) : std::nearbyint(e);
            add(out, floatConstant(x.dims(), *v));
            return;
        }
        // Data movement: only on the way from a folded quantizer to its layer, so float models
        // keep their graphs exactly as before.
        if (!isFolded(n.inputs[0]))
            return;
        if (plain == "Transpose") {
            if (auto t = transpose(x, n.intsAttr("perm")))
                add(out, std::move(*t));
            return;
        }
        if (plain == "Identity" || plain == "Reshape" || plain == "Flatten" || plain == "Squeeze"
            || plain == "Unsqueeze") {
            const Tensor& result = g_.tensor(out);
            if (!result.hasShape || !result.shape.isStatic()
                || result.shape.elementCount().value_or(-1) != x.elementCount())
                return;
            add(out, copyWithDims(x, result.shape.values()));
        }
    }

    void foldQuantizer(const Node& n, Op op)
    {
        const QuantizerParams p = readQuantizerParams(g_, n, [this](TensorId t) { return constant(t); });
        if (!p.problem.empty())
            return;
        const ConstantData& xc = *constant(n.inputs[0]);
        const ConstantData& sc = *constant(n.inputs[1]);
        // Exporters store scales and zero points as float, double or int64 (QKeras).
        const auto x = xc.toFloats(), s = sc.toFloats();
        if (!x || !s)
            return;
        std::vector<int64_t> dims;
        std::vector<float> y;
        try {
            if (op == Op::BipolarQuant) {
                y = bipolarQuantize({*x, xc.dims()}, {*s, sc.dims()}, dims);
            } else {
                const ConstantData& zc = *constant(n.inputs[2]);
                const auto z = zc.toFloats();
                if (!z)
                    return;
                y = quantize({*x, xc.dims()}, {*s, sc.dims()}, {*z, zc.dims()}, p.quant, dims);
            }
        } catch (const std::exception&) {
            return; // operands that do not broadcast: the executor reports it
        }
        add(n.outputs[0], floatConstant(dims, y));
    }

    const Graph& g_;
    std::vector<FoldedConstant> folded_;
    std::unordered_map<TensorId, std::size_t> index_;
};

} // namespace

std::vector<FoldedConstant> foldQuantizedConstants(const Graph& graph)
{
    return Folder(graph).run();
}

} // namespace foldwise::qonnx
