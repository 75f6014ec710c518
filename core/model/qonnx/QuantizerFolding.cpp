#include "model/qonnx/QuantizerFolding.h"

#include "model/qonnx/QuantizerMath.h"
#include "model/qonnx/QuantizerParams.h"

#include <cstring>

namespace foldwise::qonnx {

std::optional<ConstantData> foldQuantizer(const Graph& graph, const Node& n, Op op,
                                          const std::function<const ConstantData*(TensorId)>& constant)
{
    const QuantizerParams p = readQuantizerParams(graph, n, constant);
    if (!p.problem.empty())
        return std::nullopt;
    // The parameters checked the bit width only: the data, scale and zero point must be
    // constants too (a missing or computed one leaves the node to the executor).
    const std::size_t operands = op == Op::BipolarQuant ? 2 : 3;
    for (std::size_t i = 0; i < operands; ++i)
        if (i >= n.inputs.size() || n.inputs[i] == kNoId || !constant(n.inputs[i]))
            return std::nullopt;
    const ConstantData& xc = *constant(n.inputs[0]);
    const ConstantData& sc = *constant(n.inputs[1]);
    // Exporters store scales and zero points as float, double or int64 (QKeras).
    const auto x = xc.toFloats(), s = sc.toFloats();
    if (!x || !s)
        return std::nullopt;
    std::vector<int64_t> dims;
    std::vector<float> y;
    try {
        if (op == Op::BipolarQuant) {
            y = bipolarQuantize({*x, xc.dims()}, {*s, sc.dims()}, dims);
        } else {
            const ConstantData& zc = *constant(n.inputs[2]);
            const auto z = zc.toFloats();
            if (!z)
                return std::nullopt;
            y = quantize({*x, xc.dims()}, {*s, sc.dims()}, {*z, zc.dims()}, p.quant, dims);
        }
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::vector<std::byte> bytes(y.size() * sizeof(float));
    std::memcpy(bytes.data(), y.data(), bytes.size());
    return ConstantData::owned(DataType::Float, std::move(dims), std::move(bytes));
}

} // namespace foldwise::qonnx
