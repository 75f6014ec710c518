// QONNX quantizers' attributes and parameters: the input describes one Quant, BipolarQuant,
// Trunc or MultiThreshold node (domain, attributes of any type, scale / zero point / bit width /
// threshold constants of any shape and value, data either a weight or a graph input). The
// harness writes it as a one-node ONNX model, loads it as `inspect` does (a weight's quantizer is
// folded at load) and, with a graph input, runs it as `run` does.
#include "FuzzSupport.h"

#include "exec/Executor.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"

#include <onnx/onnx_pb.h>

#include <array>
#include <cstring>
#include <map>

namespace {

// Takes what it needs from the front of the input; zeros once it is used up.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t u8() { return at_ < size_ ? data_[at_++] : 0; }
    float f32()
    {
        std::array<std::uint8_t, 4> b{u8(), u8(), u8(), u8()};
        float v = 0;
        std::memcpy(&v, b.data(), sizeof v);
        return v;
    }
    template <std::size_t N>
    const char* pick(const std::array<const char*, N>& options) { return options[u8() % N]; }
    std::string text(std::size_t maxLength)
    {
        std::string s;
        for (std::size_t n = u8() % (maxLength + 1); n > 0; --n)
            s += static_cast<char>(u8());
        return s;
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

struct Builder {
    onnx::ModelProto model;
    onnx::GraphProto* graph = model.mutable_graph();
    Bytes& in;

    // A float constant of a chosen shape: scalar, per channel of `channels`, or odd.
    void constant(const std::string& name, int64_t channels, int64_t extra = 1)
    {
        onnx::TensorProto* t = graph->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        int64_t count = 1;
        switch (in.u8() % 4) {
        case 0: break; // scalar
        case 1: t->add_dims(channels); count = channels; break;
        case 2: t->add_dims(channels); t->add_dims(extra); count = channels * extra; break;
        default: t->add_dims(1 + in.u8() % 3); count = t->dims(0); break;
        }
        for (int64_t i = 0; i < count; ++i)
            t->add_float_data(in.f32());
    }

    // An attribute of the expected type, or now and then of another type (a broken exporter).
    void attribute(onnx::NodeProto* node, const std::string& name, int64_t i, float f, const std::string& s)
    {
        const std::uint8_t kind = in.u8();
        if (kind % 8 == 7)
            return; // absent: the default applies
        onnx::AttributeProto* a = node->add_attribute();
        a->set_name(name);
        switch (kind % 16) {
        case 13: a->set_type(onnx::AttributeProto::INTS); a->add_ints(i); return;
        case 14: a->set_type(onnx::AttributeProto::FLOAT); a->set_f(f); return;
        case 15: a->set_type(onnx::AttributeProto::STRING); a->set_s(s); return;
        default: break;
        }
        if (!s.empty() && name != "signed" && name != "narrow") {
            a->set_type(onnx::AttributeProto::STRING);
            a->set_s(s);
        } else if (name == "out_scale" || name == "out_bias") {
            a->set_type(onnx::AttributeProto::FLOAT);
            a->set_f(f);
        } else {
            a->set_type(onnx::AttributeProto::INT);
            a->set_i(i);
        }
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    Bytes in(data, size);
    Builder b{{}, nullptr, in};
    b.graph = b.model.mutable_graph();
    b.model.set_ir_version(7);
    b.model.add_opset_import()->set_version(13);
    static const std::array<const char*, 5> domains = {"qonnx.custom_op.general", "onnx.brevitas",
                                                       "finn.custom_op.general", "", "qonnx.custom_op.channels_last"};
    const std::string domain = in.pick(domains);
    if (!domain.empty()) {
        auto* opset = b.model.add_opset_import();
        opset->set_domain(domain);
        opset->set_version(1);
    }
    b.graph->set_name("quantizer");

    // The data: rank 1..4, each dimension 1..4; a weight (folded at load) or a graph input.
    std::vector<int64_t> dims(1 + in.u8() % 4);
    int64_t elements = 1;
    for (int64_t& d : dims) {
        d = 1 + in.u8() % 4;
        elements *= d;
    }
    const int64_t channels = dims.size() > 1 ? dims[1] : dims[0];
    const bool weight = in.u8() % 2 == 0;
    if (weight) {
        onnx::TensorProto* x = b.graph->add_initializer();
        x->set_name("x");
        x->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : dims)
            x->add_dims(d);
        for (int64_t i = 0; i < elements; ++i)
            x->add_float_data(in.f32());
    } else {
        onnx::ValueInfoProto* x = b.graph->add_input();
        x->set_name("x");
        auto* type = x->mutable_type()->mutable_tensor_type();
        type->set_elem_type(onnx::TensorProto::FLOAT);
        for (int64_t d : dims)
            type->mutable_shape()->add_dim()->set_dim_value(d);
    }

    onnx::NodeProto* node = b.graph->add_node();
    node->set_name("q");
    node->set_domain(domain);
    node->add_input("x");
    node->add_output("y");
    static const std::array<const char*, 4> ops = {"Quant", "BipolarQuant", "Trunc", "MultiThreshold"};
    const std::string op = in.pick(ops);
    node->set_op_type(op);
    static const std::array<const char*, 9> roundings = {"ROUND", "CEIL", "FLOOR", "UP", "DOWN", "HALF_UP",
                                                         "HALF_DOWN", "ROUND_TO_ZERO", "round"};
    if (op == "Quant" || op == "Trunc") {
        const int inputs = op == "Quant" ? 3 : 4 + in.u8() % 3; // Trunc: 5 to 7 in all
        for (int i = 0; i < inputs; ++i) {
            const std::string name = "p" + std::to_string(i);
            if (in.u8() % 16 == 0) {
                node->add_input(i % 2 ? "" : "x"); // a missing or non-constant operand
                continue;
            }
            node->add_input(name);
            b.constant(name, channels);
        }
        b.attribute(node, "signed", in.u8() % 3, 0, "");
        b.attribute(node, "narrow", in.u8() % 3, 0, "");
        b.attribute(node, "rounding_mode", 0, 0, in.u8() % 4 ? std::string(in.pick(roundings)) : in.text(12));
    } else if (op == "BipolarQuant") {
        node->add_input("scale");
        b.constant("scale", channels);
    } else {
        const int64_t steps = 1 + in.u8() % 4;
        node->add_input("thresholds");
        b.constant("thresholds", channels, steps);
        static const std::array<const char*, 3> layouts = {"NCHW", "NHWC", "NCW"};
        static const std::array<const char*, 8> types = {"UINT2", "INT4", "BIPOLAR", "BINARY", "FLOAT32",
                                                         "UINT33", "INT0", "TERNARY"};
        b.attribute(node, "data_layout", 0, 0, in.pick(layouts));
        b.attribute(node, "out_dtype", 0, 0, in.u8() % 4 ? std::string(in.pick(types)) : in.text(10));
        b.attribute(node, "out_scale", 0, in.f32(), "");
        b.attribute(node, "out_bias", 0, in.f32(), "");
    }
    onnx::ValueInfoProto* y = b.graph->add_output();
    y->set_name("y");
    y->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);

    std::string bytes;
    b.model.SerializeToString(&bytes);
    const auto file = fuzz::writeScratchFile("quantizer.onnx", bytes);
    std::vector<float> values(static_cast<std::size_t>(elements));
    for (float& v : values)
        v = in.f32();
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        const auto model = Model::load(file);
        summariseModel(*model);
        if (!weight) {
            Executor executor(model);
            executor.run({{"x", HostTensor::fromValues(DataType::Float, dims, values)}});
        }
    });
}
