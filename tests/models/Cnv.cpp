#include "ExportGraph.h"
#include "Parameters.h"
#include "Random.h"
#include "Topologies.h"

#include <string>

namespace models {

// make_models.py's torch.nn.Sequential: module i is named "i" (node "/i/Op", parameters "i.weight").
onnx::ModelProto cnv(std::uint64_t seed)
{
    Random random(seed);
    ExportGraph g;
    int module = 0;
    // BatchNorm stays a node here (exported with training=PRESERVE, in eval mode).
    auto batchNorm = [&](const std::string& x, int64_t channels) {
        const std::string m = std::to_string(module++);
        const BatchNormStatistics bn = realisticBatchNorm(random, channels);
        g.namedInitializer(m + ".weight", {channels}, bn.gamma);
        g.namedInitializer(m + ".bias", {channels}, bn.beta);
        g.namedInitializer(m + ".running_mean", {channels}, bn.mean);
        g.namedInitializer(m + ".running_var", {channels}, bn.variance);
        return g.node("/" + m + "/BatchNormalization", "BatchNormalization",
                      {x, m + ".weight", m + ".bias", m + ".running_mean", m + ".running_var"},
                      {Attribute::real("epsilon", 1e-5f), Attribute::real("momentum", 0.9f)});
    };
    auto relu = [&](const std::string& x) {
        const std::string m = std::to_string(module++);
        return g.node("/" + m + "/Relu", "Relu", {x});
    };
    // Hidden layers are He initialised over fan_in so activations keep their scale through the
    // stack; the BatchNorm statistics (mean ~0, variance ~1) then leave about half of each ReLU's
    // inputs negative.
    auto block = [&](const std::string& x, int64_t cin, int64_t cout) {
        const std::string m = std::to_string(module++);
        g.namedInitializer(m + ".weight", {cout, cin, 3, 3}, toFloats(kaimingNormal(random, cout * cin * 9, cin * 9)));
        std::string y = g.node("/" + m + "/Conv", "Conv", {x, m + ".weight"}, convAttributes(3, 1, 0, 1));
        return relu(batchNorm(y, cout));
    };
    auto pool = [&](const std::string& x) {
        const std::string m = std::to_string(module++);
        return g.node("/" + m + "/MaxPool", "MaxPool", {x},
                      {Attribute::integer("ceil_mode", 0), Attribute::list("kernel_shape", {2, 2}),
                       Attribute::list("pads", {0, 0, 0, 0}), Attribute::list("strides", {2, 2})});
    };
    // A bias-free Linear exports as MatMul with its weight transposed to [in, out], an
    // exporter-made initializer numbered 81, 82 in this model.
    int matmul = 81;
    auto linear = [&](const std::string& x, int64_t in, int64_t out) {
        const std::string m = std::to_string(module++);
        const std::string w = "onnx::MatMul_" + std::to_string(matmul++);
        g.exporterInitializer(w, {in, out}, toFloats(kaimingNormal(random, in * out, in)));
        std::string y = g.node("/" + m + "/MatMul", "MatMul", {x, w});
        return relu(batchNorm(y, out));
    };

    g.addInput("input", {1, 3, 32, 32});
    std::string x = block("input", 3, 64);
    x = pool(block(x, 64, 64));
    x = block(x, 64, 128);
    x = pool(block(x, 128, 128));
    x = block(x, 128, 256);
    x = block(x, 256, 256);
    x = g.node("/" + std::to_string(module++) + "/Flatten", "Flatten", {x}, {Attribute::integer("axis", 1)});
    x = linear(x, 256, 512);
    x = linear(x, 512, 512);
    const std::string m = std::to_string(module++);
    g.namedInitializer(m + ".weight", {10, 512}, defaultUniform(random, 10 * 512, 512));
    g.namedInitializer(m + ".bias", {10}, defaultUniform(random, 10, 512));
    g.node("/" + m + "/Gemm", "Gemm", {x, m + ".weight", m + ".bias"},
           {Attribute::real("alpha", 1.0f), Attribute::real("beta", 1.0f), Attribute::integer("transB", 1)}, "logits");
    g.addOutput("logits", {1, 10});
    return g.finish();
}

} // namespace models
