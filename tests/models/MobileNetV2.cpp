#include "ExportGraph.h"
#include "Parameters.h"
#include "Random.h"
#include "Topologies.h"

#include <string>

namespace models {

onnx::ModelProto mobilenetV2(std::uint64_t seed)
{
    Random random(seed);
    ExportGraph g;
    int number = 538; // the exporter's first folded-parameter number in mobilenet_v2 (see ResNet18.cpp)
    auto conv = [&](const std::string& scope, const std::string& x, int64_t cin, int64_t cout, int64_t k, int64_t stride,
                    int64_t group) {
        const std::string w = "onnx::Conv_" + std::to_string(number), b = "onnx::Conv_" + std::to_string(number + 1);
        number += 3;
        // torch's fan_out is size(0) * kernel area, also for depthwise weights [C, 1, k, k].
        const std::vector<double> weight = kaimingNormal(random, cout * (cin / group) * k * k, cout * k * k);
        const FoldedConv folded = foldBatchNorm(weight, realisticBatchNorm(random, cout));
        g.exporterInitializer(w, {cout, cin / group, k, k}, folded.weight);
        g.exporterInitializer(b, {cout}, folded.bias);
        return g.node(scope + "/Conv", "Conv", {x, w, b}, convAttributes(k, stride, (k - 1) / 2, group));
    };
    // ReLU6 exports as Clip with min and max from two Constant nodes in the activation's scope.
    auto relu6 = [&](const std::string& scope, const std::string& x) {
        const std::string low = g.scalarConstant(scope + "/Constant", 0.0f);
        const std::string high = g.scalarConstant(scope + "/Constant_1", 6.0f);
        return g.node(scope + "/Clip", "Clip", {x, low, high});
    };

    g.addInput("input", {1, 3, 224, 224});
    std::string x = conv("/features/features.0/features.0.0", "input", 3, 32, 3, 2, 1);
    x = relu6("/features/features.0/features.0.2", x);
    // torchvision's inverted residual settings: expansion t, channels c, repeats n, first stride s.
    struct Setting {
        int64_t t, c, n, s;
    };
    const Setting settings[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
                                {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int64_t cin = 32;
    int index = 1;
    for (const Setting& s : settings) {
        for (int64_t i = 0; i < s.n; ++i, ++index) {
            const std::string scope = "/features/features." + std::to_string(index) + "/conv";
            const int64_t stride = i == 0 ? s.s : 1, hidden = cin * s.t;
            std::string y = x;
            int part = 0;
            if (s.t != 1) {
                y = conv(scope + "/conv.0/conv.0.0", y, cin, hidden, 1, 1, 1);
                y = relu6(scope + "/conv.0/conv.0.2", y);
                part = 1;
            }
            const std::string dw = scope + "/conv." + std::to_string(part) + "/conv." + std::to_string(part);
            y = conv(dw + ".0", y, hidden, hidden, 3, stride, hidden);
            y = relu6(dw + ".2", y);
            y = conv(scope + "/conv." + std::to_string(part + 1), y, hidden, s.c, 1, 1, 1);
            if (stride == 1 && cin == s.c)
                y = g.node("/features/features." + std::to_string(index) + "/Add", "Add", {x, y});
            x = y;
            cin = s.c;
        }
    }
    x = conv("/features/features.18/features.18.0", x, 320, 1280, 1, 1, 1);
    x = relu6("/features/features.18/features.18.2", x);
    x = g.node("/GlobalAveragePool", "GlobalAveragePool", {x});
    x = g.node("/Flatten", "Flatten", {x}, {Attribute::integer("axis", 1)});
    // torchvision: classifier weights N(0, 0.01), biases 0 (Dropout disappears in inference).
    std::vector<float> weight(1000 * 1280);
    for (float& w : weight)
        w = static_cast<float>(random.normal(0.0, 0.01));
    g.namedInitializer("classifier.1.weight", {1000, 1280}, weight);
    g.namedInitializer("classifier.1.bias", {1000}, std::vector<float>(1000, 0.0f));
    g.node("/classifier/classifier.1/Gemm", "Gemm", {x, "classifier.1.weight", "classifier.1.bias"},
           {Attribute::real("alpha", 1.0f), Attribute::real("beta", 1.0f), Attribute::integer("transB", 1)}, "logits");
    g.addOutput("logits", {1, 1000});
    return g.finish();
}

} // namespace models
