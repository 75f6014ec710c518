#include "passes/ConstantTensors.h"

#include <onnx/onnx_pb.h>

#include <cstring>

namespace foldwise::passes {

std::optional<FloatConstant> floatConstant(const Model& model, TensorId tensor)
{
    if (tensor == kNoId)
        return std::nullopt;
    const ConstantData* data = model.graph().constantData(tensor);
    if (!data || data->type() != DataType::Float || !data->checkSize().empty())
        return std::nullopt;
    FloatConstant c;
    c.dims = data->dims();
    c.values.resize(static_cast<std::size_t>(data->elementCount()));
    const auto bytes = data->bytes();
    if (bytes.size() != c.values.size() * sizeof(float))
        return std::nullopt;
    if (!bytes.empty())
        std::memcpy(c.values.data(), bytes.data(), bytes.size());
    return c;
}

namespace {

template <class Value>
onnx::TensorProto makeRawTensor(onnx::TensorProto::DataType type, const std::vector<int64_t>& dims,
                                const std::vector<Value>& values)
{
    onnx::TensorProto t;
    t.set_data_type(type);
    for (int64_t d : dims)
        t.add_dims(d);
    // raw_data is little-endian; so is every platform Foldwise builds on.
    t.set_raw_data(std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(Value)));
    return t;
}

} // namespace

onnx::TensorProto makeFloatTensor(const std::vector<int64_t>& dims, const std::vector<float>& values)
{
    return makeRawTensor(onnx::TensorProto::FLOAT, dims, values);
}

onnx::TensorProto makeInt64Tensor(const std::vector<int64_t>& dims, const std::vector<int64_t>& values)
{
    return makeRawTensor(onnx::TensorProto::INT64, dims, values);
}

void inlineExternalData(const Model& model, onnx::ModelProto& proto)
{
    const Graph& g = model.graph();
    for (auto& t : *proto.mutable_graph()->mutable_initializer()) {
        if (t.data_location() != onnx::TensorProto::EXTERNAL)
            continue;
        const std::optional<TensorId> id = g.findTensor(t.name());
        const ConstantData* data = id ? g.constantData(*id) : nullptr;
        if (!data)
            continue; // not read by the graph: the clean-up drops it
        const auto bytes = data->bytes();
        t.clear_external_data();
        t.set_data_location(onnx::TensorProto::DEFAULT);
        t.set_raw_data(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    }
}

} // namespace foldwise::passes
