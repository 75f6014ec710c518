#include "ExportGraph.h"
#include "Parameters.h"
#include "Random.h"
#include "Topologies.h"

#include <string>

namespace models {

onnx::ModelProto resnet18(std::uint64_t seed)
{
    Random random(seed);
    ExportGraph g;
    // The exporter numbers the folded parameters of its own making: weight N, bias N + 1, and one
    // number skipped per convolution; resnet18's start at 193.
    int number = 193;
    auto conv = [&](const std::string& scope, const std::string& x, int64_t cin, int64_t cout, int64_t k, int64_t stride,
                    int64_t pad) {
        const std::string w = "onnx::Conv_" + std::to_string(number), b = "onnx::Conv_" + std::to_string(number + 1);
        number += 3;
        const std::vector<double> weight = kaimingNormal(random, cout * cin * k * k, cout * k * k);
        const FoldedConv folded = foldBatchNorm(weight, realisticBatchNorm(random, cout));
        g.exporterInitializer(w, {cout, cin, k, k}, folded.weight);
        g.exporterInitializer(b, {cout}, folded.bias);
        return g.node(scope + "/Conv", "Conv", {x, w, b}, convAttributes(k, stride, pad, 1));
    };

    g.addInput("input", {1, 3, 224, 224});
    std::string x = conv("/conv1", "input", 3, 64, 7, 2, 3);
    x = g.node("/relu/Relu", "Relu", {x});
    x = g.node("/maxpool/MaxPool", "MaxPool", {x},
               {Attribute::integer("ceil_mode", 0), Attribute::list("kernel_shape", {3, 3}),
                Attribute::list("pads", {1, 1, 1, 1}), Attribute::list("strides", {2, 2})});
    int64_t cin = 64;
    for (int layer = 1; layer <= 4; ++layer) {
        const int64_t cout = int64_t(64) << (layer - 1);
        for (int block = 0; block < 2; ++block) {
            const std::string scope = "/layer" + std::to_string(layer) + "/layer" + std::to_string(layer) + "." + std::to_string(block);
            const int64_t stride = layer > 1 && block == 0 ? 2 : 1;
            std::string y = conv(scope + "/conv1", x, cin, cout, 3, stride, 1);
            y = g.node(scope + "/relu/Relu", "Relu", {y});
            y = conv(scope + "/conv2", y, cout, cout, 3, 1, 1);
            std::string identity = x;
            if (stride != 1 || cin != cout)
                identity = conv(scope + "/downsample/downsample.0", x, cin, cout, 1, stride, 0);
            x = g.node(scope + "/Add", "Add", {y, identity});
            x = g.node(scope + "/relu_1/Relu", "Relu", {x});
            cin = cout;
        }
    }
    x = g.node("/avgpool/GlobalAveragePool", "GlobalAveragePool", {x});
    x = g.node("/Flatten", "Flatten", {x}, {Attribute::integer("axis", 1)});
    g.namedInitializer("fc.weight", {1000, 512}, defaultUniform(random, 1000 * 512, 512));
    g.namedInitializer("fc.bias", {1000}, defaultUniform(random, 1000, 512));
    g.node("/fc/Gemm", "Gemm", {x, "fc.weight", "fc.bias"},
           {Attribute::real("alpha", 1.0f), Attribute::real("beta", 1.0f), Attribute::integer("transB", 1)}, "logits");
    g.addOutput("logits", {1, 1000});
    return g.finish();
}

} // namespace models
