#include "model/ProtoShapes.h"

#include "model/ModelError.h"

#include <onnx/onnx_pb.h>

namespace foldwise {

void checkValueInfoDims(const onnx::ValueInfoProto& info, const std::string& what, const std::string& file)
{
    if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape())
        return;
    std::vector<int64_t> known;
    for (const auto& d : info.type().tensor_type().shape().dim()) {
        if (!d.has_dim_value())
            continue;
        if (d.dim_value() < 0)
            throw ModelError(file, what + " has negative dimension " + std::to_string(d.dim_value()));
        known.push_back(d.dim_value());
    }
    if (!checkedProduct(known))
        throw ModelError(file, what + " has dimensions whose product overflows 64 bits");
}

void applyType(const onnx::TypeProto& type, Tensor& tensor)
{
    if (!type.has_tensor_type())
        return;
    const auto& tt = type.tensor_type();
    if (tt.elem_type() != 0)
        tensor.type = static_cast<DataType>(tt.elem_type());
    if (!tt.has_shape())
        return;
    std::vector<Dim> dims;
    dims.reserve(static_cast<std::size_t>(tt.shape().dim_size()));
    for (const auto& d : tt.shape().dim()) {
        if (d.has_dim_value() && d.dim_value() >= 0)
            dims.push_back(Dim::known(d.dim_value()));
        else if (d.has_dim_param())
            dims.push_back(Dim::symbolic(d.dim_param()));
        else
            dims.emplace_back();
    }
    tensor.shape = Shape(std::move(dims));
    tensor.hasShape = true;
}

void applyValueInfo(const onnx::ValueInfoProto& info, Tensor& tensor)
{
    if (info.has_type())
        applyType(info.type(), tensor);
}

void setStaticDims(onnx::ValueInfoProto& info, const std::vector<int64_t>& dims)
{
    auto* shape = info.mutable_type()->mutable_tensor_type()->mutable_shape();
    shape->clear_dim();
    for (int64_t d : dims)
        shape->add_dim()->set_dim_value(d);
}

} // namespace foldwise
