#include "QonnxFixtures.h"

#include "OnnxFixtures.h"

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace fixtures {
namespace {

class CnvBuilder {
public:
    CnvBuilder(int weightBits, int actBits, uint32_t seed) : weightBits_(weightBits), actBits_(actBits), random_(seed)
    {
        m_ = makeModel(11);
        auto* o = m_.add_opset_import();
        o->set_domain("qonnx.custom_op.general");
        o->set_version(1);
        addInput(m_, "input", {1, 3, 32, 32});
    }

    onnx::ModelProto build()
    {
        std::string x = scalarOp("Mul", "input", 2.0f);
        x = scalarOp("Sub", x, 1.0f);
        x = quant(x, weightBits_ == 0 ? 0 : 8, std::ldexp(1.0f, -7), true, false); // the 8-bit input quantizer
        int64_t channels = 3;
        const int64_t convs[] = {64, 64, 128, 128, 256, 256};
        for (int i = 0; i < 6; ++i) {
            x = conv(x, channels, convs[i]);
            channels = convs[i];
            x = batchNorm(x, channels);
            x = activation(x);
            if (i == 1 || i == 3)
                x = maxPool(x);
        }
        x = node("Flatten", {x}, [](onnx::NodeProto* n) { setInt(n, "axis", 1); });
        int64_t features = 256;
        for (int64_t out : {512, 512, 10}) {
            x = dense(x, features, out);
            features = out;
            if (out != 10) {
                x = batchNorm(x, out);
                x = activation(x);
            }
        }
        x = scalarOp("Mul", x, 0.25f, "logits");
        addOutput(m_, "logits");
        return std::move(m_);
    }

private:
    std::string fresh(const std::string& prefix) { return prefix + "_" + std::to_string(count_++); }

    template <typename F>
    std::string node(const std::string& op, std::vector<std::string> inputs, F&& configure, std::string output = {})
    {
        const std::string name = fresh(op);
        if (output.empty())
            output = name + "_out";
        onnx::NodeProto* n = addNode(m_, op, inputs, {output}, name);
        configure(n);
        return output;
    }

    std::string constant(const std::vector<int64_t>& dims, const std::vector<float>& values)
    {
        const std::string name = "param_" + std::to_string(params_++);
        onnx::TensorProto* t = addInitializer(m_, name, dims, 0.0f);
        t->set_raw_data(std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
        return name;
    }

    std::string scalarOp(const std::string& op, const std::string& x, float v, std::string output = {})
    {
        return node(op, {x, constant({}, {v})}, [](onnx::NodeProto*) {}, std::move(output));
    }

    std::vector<float> randoms(int64_t count, float scale)
    {
        std::normal_distribution<float> d(0.0f, scale);
        std::vector<float> v(static_cast<std::size_t>(count));
        for (float& e : v)
            e = d(random_);
        return v;
    }

    std::string quant(const std::string& x, int bits, float scale, bool isSigned, bool narrow)
    {
        if (bits == 0)
            return x; // the float network of the same topology and weights
        if (bits == 1)
            return node("BipolarQuant", {x, constant({}, {scale})},
                        [](onnx::NodeProto* n) { n->set_domain("qonnx.custom_op.general"); });
        return node("Quant", {x, constant({}, {scale}), constant({}, {0.0f}), constant({}, {static_cast<float>(bits)})},
                    [&](onnx::NodeProto* n) {
                        n->set_domain("qonnx.custom_op.general");
                        setInt(n, "signed", isSigned ? 1 : 0);
                        setInt(n, "narrow", narrow ? 1 : 0);
                        auto* a = n->add_attribute();
                        a->set_name("rounding_mode");
                        a->set_type(onnx::AttributeProto::STRING);
                        a->set_s("ROUND");
                    });
    }

    // Weights scaled so a signed narrow quantizer of `weightBits_` uses its range.
    std::string weights(const std::vector<int64_t>& dims)
    {
        int64_t count = 1;
        for (int64_t d : dims)
            count *= d;
        const float scale = weightBits_ == 1 ? 1.0f : 1.0f / static_cast<float>((1 << (weightBits_ - 1)) - 1);
        return quant(constant(dims, randoms(count, scale)), weightBits_, scale, true, true);
    }

    std::string conv(const std::string& x, int64_t in, int64_t out)
    {
        const std::string w = weights({out, in, 3, 3});
        return node("Conv", {x, w}, [](onnx::NodeProto* n) {
            setInts(n, "kernel_shape", {3, 3});
            setInts(n, "strides", {1, 1});
            setInts(n, "pads", {0, 0, 0, 0});
            setInts(n, "dilations", {1, 1});
            setInt(n, "group", 1);
        });
    }

    std::string dense(const std::string& x, int64_t in, int64_t out)
    {
        const std::string w = weights({out, in});
        const std::string t = node("Transpose", {w}, [](onnx::NodeProto* n) { setInts(n, "perm", {1, 0}); });
        return node("MatMul", {x, t}, [](onnx::NodeProto*) {});
    }

    std::string batchNorm(const std::string& x, int64_t channels)
    {
        std::vector<float> gamma = randoms(channels, 0.1f), beta = randoms(channels, 0.1f), mean = randoms(channels, 0.1f);
        std::vector<float> var(static_cast<std::size_t>(channels));
        for (float& g : gamma)
            g += 1.0f;
        for (float& v : var)
            v = 0.5f + std::fabs(randoms(1, 0.5f)[0]);
        const std::vector<int64_t> dims{channels};
        return node("BatchNormalization",
                    {x, constant(dims, gamma), constant(dims, beta), constant(dims, mean), constant(dims, var)},
                    [](onnx::NodeProto* n) { setFloat(n, "epsilon", 1e-5f); });
    }

    // Brevitas's CommonActQuant: signed, values in [-1, 1).
    std::string activation(const std::string& x)
    {
        return quant(x, actBits_, actBits_ == 1 ? 1.0f : std::ldexp(1.0f, 1 - actBits_), true, false);
    }

    std::string maxPool(const std::string& x)
    {
        return node("MaxPool", {x}, [](onnx::NodeProto* n) {
            setInts(n, "kernel_shape", {2, 2});
            setInts(n, "strides", {2, 2});
            setInts(n, "pads", {0, 0, 0, 0});
        });
    }

    int weightBits_;
    int actBits_;
    std::mt19937 random_;
    onnx::ModelProto m_;
    int count_ = 0;
    int params_ = 0;
};

} // namespace

onnx::ModelProto makeQonnxCnv(int weightBits, int actBits, uint32_t seed)
{
    return CnvBuilder(weightBits, actBits, seed).build();
}

onnx::NodeProto* addQuant(onnx::ModelProto& m, const std::string& name, const std::string& x, const std::string& out,
                          float scale, float zeroPoint, int bits, bool isSigned, bool narrow)
{
    addInitializer(m, name + "_scale", {}, scale);
    addInitializer(m, name + "_zeropt", {}, zeroPoint);
    addInitializer(m, name + "_bits", {}, static_cast<float>(bits));
    onnx::NodeProto* q = addNode(m, "Quant", {x, name + "_scale", name + "_zeropt", name + "_bits"}, {out}, name);
    q->set_domain("qonnx.custom_op.general");
    setInt(q, "signed", isSigned ? 1 : 0);
    setInt(q, "narrow", narrow ? 1 : 0);
    return q;
}

} // namespace fixtures
