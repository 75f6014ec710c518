#include "OnnxFixtures.h"

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fixtures {

onnx::ModelProto makeModel(int64_t opset)
{
    onnx::ModelProto m;
    m.set_ir_version(8);
    m.set_producer_name("foldwise-tests");
    auto* o = m.add_opset_import();
    o->set_domain("");
    o->set_version(opset);
    m.mutable_graph()->set_name("test");
    return m;
}

onnx::ModelProto modelWithInput(const std::string& input, const std::vector<int64_t>& dims, int64_t opset)
{
    onnx::ModelProto m = makeModel(opset);
    addInput(m, input, dims);
    return m;
}

onnx::ValueInfoProto* addInput(onnx::ModelProto& m, const std::string& name, const std::vector<int64_t>& dims,
                               int elemType)
{
    auto* in = m.mutable_graph()->add_input();
    in->set_name(name);
    auto* tt = in->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(elemType);
    auto* shape = tt->mutable_shape();
    for (int64_t d : dims) {
        auto* dim = shape->add_dim();
        if (d >= -1 && d != -1)
            dim->set_dim_value(d);
        else if (d < -1)
            dim->set_dim_value(d); // deliberately invalid, for bad-input tests
    }
    return in;
}

onnx::ValueInfoProto* addSymbolicInput(onnx::ModelProto& m, const std::string& name, const std::string& symbol,
                                       const std::vector<int64_t>& restDims)
{
    auto* in = addInput(m, name, {});
    auto* shape = in->mutable_type()->mutable_tensor_type()->mutable_shape();
    shape->add_dim()->set_dim_param(symbol);
    for (int64_t d : restDims)
        shape->add_dim()->set_dim_value(d);
    return in;
}

onnx::ValueInfoProto* addOutput(onnx::ModelProto& m, const std::string& name, int elemType)
{
    auto* out = m.mutable_graph()->add_output();
    out->set_name(name);
    out->mutable_type()->mutable_tensor_type()->set_elem_type(elemType);
    return out;
}

onnx::TensorProto* addInitializer(onnx::ModelProto& m, const std::string& name, const std::vector<int64_t>& dims,
                                  float fill)
{
    auto* t = m.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    int64_t count = 1;
    for (int64_t d : dims) {
        t->add_dims(d);
        count *= d;
    }
    std::string raw(static_cast<std::size_t>(count) * sizeof(float), '\0');
    for (int64_t i = 0; i < count; ++i)
        std::memcpy(raw.data() + i * 4, &fill, 4);
    t->set_raw_data(raw);
    return t;
}

onnx::TensorProto* addInt64Initializer(onnx::ModelProto& m, const std::string& name, const std::vector<int64_t>& values)
{
    auto* t = m.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values)
        t->add_int64_data(v);
    return t;
}

onnx::NodeProto* addNode(onnx::ModelProto& m, const std::string& op, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs, const std::string& name)
{
    auto* n = m.mutable_graph()->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& i : inputs)
        n->add_input(i);
    for (const auto& o : outputs)
        n->add_output(o);
    return n;
}

void setInts(onnx::NodeProto* n, const std::string& name, const std::vector<int64_t>& values)
{
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values)
        a->add_ints(v);
}

void setInt(onnx::NodeProto* n, const std::string& name, int64_t value)
{
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

void setFloat(onnx::NodeProto* n, const std::string& name, float value)
{
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

onnx::NodeProto* addConv(onnx::ModelProto& m, const std::string& name, const std::string& in, const std::string& out,
                         int64_t cin, int64_t cout, int64_t k, int64_t stride, int64_t pad, int64_t group)
{
    addInitializer(m, "W_" + name, {cout, cin / group, k, k});
    addInitializer(m, "B_" + name, {cout});
    auto* n = addNode(m, "Conv", {in, "W_" + name, "B_" + name}, {out}, name);
    setInts(n, "kernel_shape", {k, k});
    setInts(n, "strides", {stride, stride});
    setInts(n, "pads", {pad, pad, pad, pad});
    setInt(n, "group", group);
    return n;
}

onnx::NodeProto* addPool(onnx::ModelProto& m, const std::string& op, const std::string& name, const std::string& in,
                         const std::string& out, int64_t kernel, int64_t stride)
{
    auto* n = addNode(m, op, {in}, {out}, name);
    setInts(n, "kernel_shape", {kernel, kernel});
    setInts(n, "strides", {stride, stride});
    return n;
}

void save(const onnx::ModelProto& m, const std::string& path)
{
    std::string bytes;
    if (!m.SerializeToString(&bytes))
        throw std::runtime_error("cannot serialise test model");
    saveBytes(bytes, path);
}

void saveBytes(const std::string& bytes, const std::string& path)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f)
        throw std::runtime_error("cannot write " + path);
}

onnx::ModelProto readModel(const std::string& path)
{
    onnx::ModelProto m;
    if (!m.ParseFromString(readBytes(path)))
        throw std::runtime_error("cannot parse " + path);
    return m;
}

std::string readBytes(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

} // namespace fixtures
