#pragma once

#include "FormulaInput.h"

// Shared by the pass suites: fixed inputs, running a model with Foldwise's executor, comparing
// outputs, random weights for hand-made fixtures and BatchNormalizations inserted into real
// models (resnet18 and mobilenet_v2 have BN already folded, as the torch exporter writes them).

#include "OnnxFixtures.h"
#include "exec/Executor.h"
#include "model/Model.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace passtest {

using ::formulaInput;

inline const std::string kModels = FOLDWISE_MODELS_DIR "/";


inline foldwise::HostTensor randomInput(const std::vector<int64_t>& dims, unsigned seed)
{
    auto t = foldwise::HostTensor::allocate(foldwise::DataType::Float, dims);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    float* p = t.mutableData<float>();
    for (int64_t i = 0; i < t.elementCount(); ++i)
        p[i] = u(rng);
    return t;
}

// The model's first output for `input` on its one graph input; direct convolution (no
// Winograd) so that only the model decides the rounding.
inline foldwise::HostTensor run(const std::shared_ptr<const foldwise::Model>& model, const foldwise::HostTensor& input)
{
    foldwise::ExecutorOptions options;
    options.winograd = false;
    foldwise::Executor executor(model, options);
    const foldwise::Tensor& in = model->graph().tensor(model->graph().inputs().at(0));
    return executor.run({{in.name, input}}).at(0);
}

// max |a - b| / max |b|: the error relative to the output's scale.
inline double relativeError(const foldwise::HostTensor& a, const foldwise::HostTensor& b)
{
    const std::vector<double> x = a.toDoubles(), y = b.toDoubles();
    if (x.size() != y.size())
        return INFINITY;
    double diff = 0, scale = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        diff = std::max(diff, std::fabs(x[i] - y[i]));
        scale = std::max(scale, std::fabs(y[i]));
    }
    return diff / std::max(scale, 1e-30);
}

inline bool bitIdentical(const foldwise::HostTensor& a, const foldwise::HostTensor& b)
{
    return a.dims() == b.dims() && a.byteSize() == b.byteSize() && std::memcmp(a.bytes(), b.bytes(), a.byteSize()) == 0;
}

// Overwrites a float initializer with uniform values in [lo, hi).
inline void fillRandom(onnx::TensorProto* t, unsigned seed, float lo = -0.5f, float hi = 0.5f)
{
    int64_t n = 1;
    for (int64_t d : t->dims())
        n *= d;
    std::vector<float> v(static_cast<std::size_t>(n));
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(lo, hi);
    for (float& x : v)
        x = u(rng);
    t->clear_float_data();
    t->set_raw_data(std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)));
}

inline onnx::TensorProto* findInitializer(onnx::ModelProto& m, const std::string& name)
{
    for (auto& t : *m.mutable_graph()->mutable_initializer())
        if (t.name() == name)
            return &t;
    return nullptr;
}

// Adds BatchNormalization `name` with random statistics (gamma 0.5..1.5, beta and mean
// -0.2..0.2, variance 0.5..1.5) for `channels` channels; returns the node.
inline onnx::NodeProto* addBatchNorm(onnx::ModelProto& m, const std::string& name, const std::string& in,
                                     const std::string& out, int64_t channels, unsigned seed)
{
    const char* parts[] = {"scale", "bias", "mean", "var"};
    const float lo[] = {0.5f, -0.2f, -0.2f, 0.5f}, hi[] = {1.5f, 0.2f, 0.2f, 1.5f};
    std::vector<std::string> inputs{in};
    for (int i = 0; i < 4; ++i) {
        const std::string init = name + "_" + parts[i];
        fillRandom(fixtures::addInitializer(m, init, {channels}), seed * 7 + static_cast<unsigned>(i), lo[i], hi[i]);
        inputs.push_back(init);
    }
    return fixtures::addNode(m, "BatchNormalization", inputs, {out}, name);
}

// A copy of `model` with a BatchNormalization after every Conv and Gemm (random statistics,
// deterministic), in graph order; returns how many were inserted.
inline int insertBatchNorms(onnx::ModelProto& m)
{
    google::protobuf::RepeatedPtrField<onnx::NodeProto> original;
    original.Swap(m.mutable_graph()->mutable_node());
    int count = 0;
    for (const onnx::NodeProto& n : original) {
        *m.mutable_graph()->add_node() = n;
        if (n.op_type() != "Conv" && n.op_type() != "Gemm")
            continue;
        const onnx::TensorProto* w = findInitializer(m, n.input(1));
        bool transB = false;
        for (const auto& a : n.attribute())
            transB = transB || (a.name() == "transB" && a.i() != 0);
        const int64_t channels = n.op_type() == "Conv" || transB ? w->dims(0) : w->dims(1);
        const std::string out = n.output(0), pre = out + "_before_bn";
        m.mutable_graph()->mutable_node(m.graph().node_size() - 1)->set_output(0, pre);
        addBatchNorm(m, "inserted_bn_" + std::to_string(count), pre, out, channels, static_cast<unsigned>(count + 1));
        ++count;
    }
    return count;
}

// With FOLDWISE_PASS_EXPORT_DIR set, the suites keep copies of the models they compare there
// (for tests/reference/check_passes.mjs, which reruns the pairs in onnxruntime).
inline void exportForReference(const QString& file)
{
    const QString dir = qEnvironmentVariable("FOLDWISE_PASS_EXPORT_DIR");
    if (dir.isEmpty())
        return;
    const QString target = QDir(dir).filePath(QFileInfo(file).fileName());
    QFile::remove(target);
    QFile::copy(file, target);
}

inline std::shared_ptr<const foldwise::Model> loadProto(const onnx::ModelProto& m, const QString& path)
{
    fixtures::save(m, path.toStdString());
    return foldwise::Model::load(path.toStdString());
}

} // namespace passtest
