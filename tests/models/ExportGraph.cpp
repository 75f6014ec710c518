#include "ExportGraph.h"

#include <cstring>
#include <fstream>
#include <stdexcept>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

namespace models {

namespace {

onnx::TensorProto floatTensor(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values)
{
    int64_t count = 1;
    for (int64_t d : dims)
        count *= d;
    if (count != static_cast<int64_t>(values.size()))
        throw std::logic_error(name + ": " + std::to_string(values.size()) + " values for " + std::to_string(count) + " elements");
    onnx::TensorProto t;
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims)
        t.add_dims(d);
    // raw_data is little-endian float32, as on every platform the project builds for.
    std::string raw(values.size() * sizeof(float), '\0');
    std::memcpy(raw.data(), values.data(), raw.size());
    t.set_raw_data(std::move(raw));
    return t;
}

void setShape(onnx::ValueInfoProto* v, const std::string& name, const std::vector<int64_t>& dims)
{
    v->set_name(name);
    auto* tt = v->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims)
        tt->mutable_shape()->add_dim()->set_dim_value(d);
}

} // namespace

ExportGraph::ExportGraph()
{
    // IR 7 and opset 13: what PyTorch 1.13 wrote for opset_version=13. The producer says who made
    // the file, so nobody mistakes these seeded models for torchvision exports.
    model_.set_ir_version(7);
    model_.set_producer_name("foldwise-make-models");
    model_.set_producer_version("1");
    auto* opset = model_.add_opset_import();
    opset->set_domain("");
    opset->set_version(13);
    model_.mutable_graph()->set_name("torch_jit");
}

void ExportGraph::addInput(const std::string& name, const std::vector<int64_t>& dims)
{
    setShape(model_.mutable_graph()->add_input(), name, dims);
}

void ExportGraph::addOutput(const std::string& name, const std::vector<int64_t>& dims)
{
    setShape(model_.mutable_graph()->add_output(), name, dims);
}

std::string ExportGraph::node(const std::string& name, const std::string& op, const std::vector<std::string>& inputs,
                              const std::vector<Attribute>& attributes, const std::string& output)
{
    auto* n = model_.mutable_graph()->add_node();
    for (const std::string& in : inputs)
        n->add_input(in);
    const std::string out = output.empty() ? name + "_output_0" : output;
    n->add_output(out);
    n->set_name(name);
    n->set_op_type(op);
    for (const Attribute& a : attributes) {
        auto* attr = n->add_attribute();
        attr->set_name(a.name);
        if (a.isFloat) {
            attr->set_f(a.f);
            attr->set_type(onnx::AttributeProto::FLOAT);
        } else if (a.isList) {
            for (int64_t v : a.ints)
                attr->add_ints(v);
            attr->set_type(onnx::AttributeProto::INTS);
        } else {
            attr->set_i(a.ints.at(0));
            attr->set_type(onnx::AttributeProto::INT);
        }
    }
    return out;
}

std::string ExportGraph::scalarConstant(const std::string& name, float value)
{
    auto* n = model_.mutable_graph()->add_node();
    const std::string out = name + "_output_0";
    n->add_output(out);
    n->set_name(name);
    n->set_op_type("Constant");
    auto* attr = n->add_attribute();
    attr->set_name("value");
    *attr->mutable_t() = floatTensor({}, {}, {value});
    attr->mutable_t()->clear_name();
    attr->set_type(onnx::AttributeProto::TENSOR);
    return out;
}

void ExportGraph::namedInitializer(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values)
{
    named_.push_back(floatTensor(name, dims, values));
}

void ExportGraph::exporterInitializer(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values)
{
    exporter_.push_back(floatTensor(name, dims, values));
}

onnx::ModelProto ExportGraph::finish()
{
    auto* g = model_.mutable_graph();
    for (auto* list : {&named_, &exporter_})
        for (onnx::TensorProto& t : *list)
            *g->add_initializer() = std::move(t);
    named_.clear();
    exporter_.clear();
    return std::move(model_);
}

std::vector<Attribute> convAttributes(int64_t kernel, int64_t stride, int64_t pad, int64_t group)
{
    return {Attribute::list("dilations", {1, 1}), Attribute::integer("group", group),
            Attribute::list("kernel_shape", {kernel, kernel}), Attribute::list("pads", {pad, pad, pad, pad}),
            Attribute::list("strides", {stride, stride})};
}

void writeModel(const onnx::ModelProto& model, const std::string& path)
{
    std::string bytes;
    {
        // Deterministic serialisation: the same model gives the same bytes on every run.
        google::protobuf::io::StringOutputStream stream(&bytes);
        google::protobuf::io::CodedOutputStream coded(&stream);
        coded.SetSerializationDeterministic(true);
        if (!model.SerializeToCodedStream(&coded))
            throw std::runtime_error(path + ": cannot serialise the model");
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error(path + ": cannot write");
}

} // namespace models
