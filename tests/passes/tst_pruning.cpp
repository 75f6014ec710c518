// Structured channel pruning (passes/StructuredPruning.h) checked against references computed
// here, independently of the pass: channel counts and parameters read straight from the written
// ONNX protobuf, the residual trunk found by walking back from the Add nodes of the original
// graph, and the shrunk model's outputs compared with the original model whose pruned channels
// were zeroed (pruning by masking and by shrinking must agree).
#include "PassTestSupport.h"

#include "layers/ModelSummary.h"
#include "model/ModelError.h"
#include "ops/PruningEvaluation.h"
#include "passes/ModelFiles.h"
#include "passes/PruningRecipe.h"
#include "passes/StructuredPruning.h"

#include <onnx/onnx_pb.h>

#include <QtTest>

#include <atomic>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

using foldwise::Model;
using foldwise::passes::PruneCriterion;
using foldwise::passes::PruningOptions;

namespace {

const std::string kResnet = passtest::kModels + "resnet18.onnx";
const std::string kMobileNet = passtest::kModels + "mobilenet_v2.onnx";
const std::string kCnv = passtest::kModels + "cnv.onnx";

onnx::ModelProto readProto(const std::string& path)
{
    return fixtures::readModel(path);
}

const onnx::TensorProto* initializer(const onnx::ModelProto& m, const std::string& name)
{
    for (const auto& t : m.graph().initializer())
        if (t.name() == name)
            return &t;
    return nullptr;
}

const onnx::NodeProto* nodeNamed(const onnx::ModelProto& m, const std::string& name)
{
    for (const auto& n : m.graph().node())
        if (n.name() == name)
            return &n;
    return nullptr;
}

int64_t elements(const onnx::TensorProto& t)
{
    int64_t n = 1;
    for (int64_t d : t.dims())
        n *= d;
    return n;
}

// Every float initializer's elements: the parameters, counted from the protobuf alone.
int64_t floatParameters(const onnx::ModelProto& m)
{
    int64_t n = 0;
    for (const auto& t : m.graph().initializer())
        if (t.data_type() == onnx::TensorProto::FLOAT)
            n += elements(t);
    return n;
}

// Dimension `axis` of the weight (input 1) of node `name`.
int64_t weightDim(const onnx::ModelProto& m, const std::string& name, int axis)
{
    const onnx::NodeProto* n = nodeNamed(m, name);
    const onnx::TensorProto* w = n ? initializer(m, n->input(1)) : nullptr;
    return w ? w->dims(axis) : -1;
}

int64_t groupOf(const onnx::NodeProto& n)
{
    for (const auto& a : n.attribute())
        if (a.name() == "group")
            return a.i();
    return 1;
}

// The model's Conv nodes, in graph order (copies: small, without their weights).
std::vector<onnx::NodeProto> convNodes(const onnx::ModelProto& m)
{
    std::vector<onnx::NodeProto> convs;
    for (const auto& n : m.graph().node())
        if (n.op_type() == "Conv")
            convs.push_back(n);
    return convs;
}

// The Conv nodes of the residual trunk, found from the original graph alone: walk back from
// every Add input through single-activation nodes that are not Conv until a Conv; plus the convs
// that read the graph input through such nodes (the stem).
std::set<std::string> trunkConvs(const onnx::ModelProto& m)
{
    std::map<std::string, const onnx::NodeProto*> producer;
    std::set<std::string> constants;
    for (const auto& t : m.graph().initializer())
        constants.insert(t.name());
    for (const auto& n : m.graph().node())
        for (const auto& o : n.output())
            producer[o] = &n;
    const auto walk = [&](std::string value) -> const onnx::NodeProto* {
        while (producer.count(value)) {
            const onnx::NodeProto* p = producer[value];
            if (p->op_type() == "Conv" || p->op_type() == "Add")
                return p;
            value = p->input(0);
        }
        return nullptr;
    };
    std::set<std::string> trunk;
    for (const auto& n : m.graph().node()) {
        if (n.op_type() == "Add")
            for (const auto& in : n.input())
                if (const onnx::NodeProto* p = walk(in); p && p->op_type() == "Conv")
                    trunk.insert(p->name());
        if (n.op_type() == "Conv") {
            std::string value = n.input(0);
            while (producer.count(value) && producer[value]->op_type() != "Conv" && producer[value]->op_type() != "Add")
                value = producer[value]->input(0);
            if (!producer.count(value))
                trunk.insert(n.name());
        }
    }
    return trunk;
}

// Zeroes output channel c of a float tensor along `axis`.
void zeroChannels(onnx::TensorProto* t, int axis, const std::vector<int64_t>& channels)
{
    std::vector<float> v(static_cast<std::size_t>(elements(*t)));
    if (t->has_raw_data())
        std::memcpy(v.data(), t->raw_data().data(), v.size() * sizeof(float));
    else
        std::copy(t->float_data().begin(), t->float_data().end(), v.begin());
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < axis; ++i)
        outer *= t->dims(i);
    for (int i = axis + 1; i < t->dims_size(); ++i)
        inner *= t->dims(i);
    const int64_t extent = t->dims(axis);
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t c : channels)
            for (int64_t i = 0; i < inner; ++i)
                v[static_cast<std::size_t>((o * extent + c) * inner + i)] = 0.0f;
    t->clear_float_data();
    t->set_raw_data(std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)));
}

// The original model with every channel the pass removed zeroed in place: a Conv's filter and
// bias, a Gemm/MatMul's output column, a BatchNormalization's scale and shift. Such a channel is
// exactly 0 wherever it flows, which is what the shrunk model's missing channel (or the zero an
// index-add inserts) stands for.
onnx::ModelProto maskedModel(const std::string& path, const nlohmann::json& report)
{
    onnx::ModelProto m = readProto(path);
    for (const auto& entry : report["nodes"]) {
        const std::vector<int64_t> removed = entry["removed"].get<std::vector<int64_t>>();
        if (removed.empty())
            continue;
        onnx::NodeProto* n = nullptr;
        for (auto& node : *m.mutable_graph()->mutable_node())
            if (node.name() == entry["node"].get<std::string>())
                n = &node;
        if (!n)
            throw std::runtime_error("node " + entry["node"].get<std::string>() + " not in the original");
        const auto init = [&](int slot) { return passtest::findInitializer(m, n->input(slot)); };
        if (n->op_type() == "Conv") {
            zeroChannels(init(1), 0, removed);
            if (n->input_size() > 2)
                zeroChannels(init(2), 0, removed);
        } else if (n->op_type() == "BatchNormalization") {
            zeroChannels(init(1), 0, removed);
            zeroChannels(init(2), 0, removed);
        } else {
            bool transB = false;
            for (const auto& a : n->attribute())
                transB = transB || (a.name() == "transB" && a.i() != 0);
            zeroChannels(init(1), transB ? 0 : 1, removed);
            if (n->input_size() > 2 && elements(*init(2)) > 1)
                zeroChannels(init(2), init(2)->dims_size() - 1, removed);
        }
    }
    return m;
}

foldwise::passes::PassResult prune(const std::string& path, PruneCriterion c, std::optional<double> rate,
                                   std::optional<int64_t> target = {}, std::vector<int64_t> simd = {})
{
    PruningOptions o;
    o.criterion = c;
    o.rate = rate;
    o.targetParams = target;
    o.simd = std::move(simd);
    return foldwise::passes::pruneChannels(*Model::load(path), o);
}

} // namespace

class TestPruning : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const std::string& name) const { return dir_.filePath(QString::fromStdString(name)).toStdString(); }

    // Writes the pruned model and reads it back as a plain protobuf.
    onnx::ModelProto written(const foldwise::passes::PassResult& r, const std::string& name)
    {
        foldwise::passes::writeModel(*r.proto, path(name));
        return readProto(path(name));
    }

    // Shrunk vs masked outputs on two inputs; keeps both models for the onnxruntime check.
    void checkMaskingEqualsShrinking(const std::string& source, const foldwise::passes::PassResult& r,
                                     const std::string& stem, const std::vector<int64_t>& inputDims)
    {
        foldwise::passes::writeModel(*r.proto, path(stem + "_pruned.onnx"));
        fixtures::save(maskedModel(source, r.report), path(stem + "_masked.onnx"));
        const auto pruned = Model::load(path(stem + "_pruned.onnx"));
        const auto masked = Model::load(path(stem + "_masked.onnx"));
        for (unsigned seed : {1u, 2u}) {
            const foldwise::HostTensor in = seed == 1 ? passtest::formulaInput(inputDims) : passtest::randomInput(inputDims, seed);
            const foldwise::HostTensor a = passtest::run(pruned, in), b = passtest::run(masked, in);
            QCOMPARE(a.dims(), b.dims());
            const double e = passtest::relativeError(a, b);
            QVERIFY2(e < 1e-4, (stem + ": relative error " + std::to_string(e)).c_str());
            // Pruning changed the model (the comparison would be vacuous otherwise).
            const foldwise::HostTensor plain = passtest::run(Model::load(source), in);
            QVERIFY(passtest::relativeError(a, plain) > 1e-6);
        }
        passtest::exportForReference(QString::fromStdString(path(stem + "_pruned.onnx")));
        passtest::exportForReference(QString::fromStdString(path(stem + "_masked.onnx")));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
    }

    void localRemovesTheSameFractionFromEveryLayer()
    {
        const double rate = 0.3;
        const auto r = prune(kResnet, PruneCriterion::Local, rate);
        const onnx::ModelProto original = readProto(kResnet), pruned = written(r, "resnet_local.onnx");
        const std::vector<onnx::NodeProto> convs = convNodes(original);
        QCOMPARE(convs.size(), std::size_t(20));
        for (const auto& n : convs) {
            const int64_t c = weightDim(original, n.name(), 0);
            QCOMPARE(weightDim(pruned, n.name(), 0), c - std::llround(rate * static_cast<double>(c)));
        }
        QCOMPARE(r.report["layers"].size(), std::size_t(20)); // every conv; the fc writes the logits
        QCOMPARE(weightDim(pruned, "/fc/Gemm", 0), 1000);
    }

    void localOnMobileNetDepthwiseFollowsItsInput()
    {
        const double rate = 0.25;
        const auto r = prune(kMobileNet, PruneCriterion::Local, rate);
        const onnx::ModelProto original = readProto(kMobileNet), pruned = written(r, "mobilenet_local.onnx");
        int depthwise = 0;
        for (const auto& n : convNodes(pruned)) {
            const int64_t before = weightDim(original, n.name(), 0), after = weightDim(pruned, n.name(), 0);
            if (groupOf(n) > 1) {
                ++depthwise;
                // Its channels are exactly those its input (the expand conv) kept.
                QCOMPARE(groupOf(n), after);
                QVERIFY(after < before);
            } else {
                QCOMPARE(after, before - std::llround(rate * static_cast<double>(before)));
            }
        }
        QCOMPARE(depthwise, 17);
        QVERIFY(r.report["dead_channels"].get<int64_t>() > 0);
    }

    void safeNeverTouchesTheResidualTrunk()
    {
        const auto r = prune(kResnet, PruneCriterion::Safe, 0.5);
        const onnx::ModelProto original = readProto(kResnet), pruned = written(r, "resnet_safe.onnx");
        const std::set<std::string> trunk = trunkConvs(original);
        QCOMPARE(trunk.size(), std::size_t(12)); // stem, 8 branch ends, 3 shortcuts
        int64_t eligible = 0, removed = 0;
        for (const auto& n : convNodes(original)) {
            const int64_t before = weightDim(original, n.name(), 0), after = weightDim(pruned, n.name(), 0);
            if (trunk.count(n.name())) {
                QVERIFY2(after == before, n.name().c_str());
            } else {
                eligible += before;
                removed += before - after;
            }
        }
        // The global threshold removed half of the channels outside the trunk.
        QCOMPARE(removed, std::llround(0.5 * static_cast<double>(eligible)));
        QVERIFY(r.report["index_adds"].empty());
        for (const auto& l : r.report["layers"])
            QCOMPARE(l["trunk"].get<bool>() || l["role"] == "stem", trunk.count(l["name"].get<std::string>()) == 1);
    }

    void exactModeLandsWithinOnePercent_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("criterion");
        QTest::addColumn<qlonglong>("target");
        QTest::newRow("resnet18 global") << QString::fromStdString(kResnet) << int(PruneCriterion::Global) << qlonglong(6'000'000);
        QTest::newRow("resnet18 safe") << QString::fromStdString(kResnet) << int(PruneCriterion::Safe) << qlonglong(8'000'000);
        QTest::newRow("resnet18 local") << QString::fromStdString(kResnet) << int(PruneCriterion::Local) << qlonglong(5'000'000);
        QTest::newRow("mobilenet global") << QString::fromStdString(kMobileNet) << int(PruneCriterion::Global) << qlonglong(2'500'000);
    }

    void exactModeLandsWithinOnePercent()
    {
        QFETCH(QString, model);
        QFETCH(int, criterion);
        QFETCH(qlonglong, target);
        const auto r = prune(model.toStdString(), static_cast<PruneCriterion>(criterion), std::nullopt, target);
        const int64_t params = floatParameters(written(r, "exact.onnx"));
        const double error = std::fabs(static_cast<double>(params - target)) / static_cast<double>(target);
        QVERIFY2(error <= 0.01, (std::to_string(params) + " for a target of " + std::to_string(target)).c_str());
        QCOMPARE(r.report["target"]["achieved"].get<int64_t>(), params);
    }

    void prunedResNetRunsAndItsParametersMatchTheReport()
    {
        const auto r = prune(kResnet, PruneCriterion::Global, 0.4);
        QVERIFY(!r.report["index_adds"].empty()); // the trunk was pruned, so some Add inputs differ
        const onnx::ModelProto original = readProto(kResnet), pruned = written(r, "resnet_global.onnx");
        QCOMPARE(r.report["params"]["before"].get<int64_t>(), floatParameters(original));
        QCOMPARE(r.report["params"]["after"].get<int64_t>(), floatParameters(pruned));
        QVERIFY(r.report["params"]["after"].get<int64_t>() < r.report["params"]["before"].get<int64_t>());
        QVERIFY(r.report["macs"]["after"].get<int64_t>() < r.report["macs"]["before"].get<int64_t>());
        for (const std::string& note : r.notes) // the pass's own parameter plan agreed with the model
            QVERIFY2(note.find("internal:") == std::string::npos, note.c_str());
        const auto model = Model::load(path("resnet_global.onnx"));
        const foldwise::HostTensor out = passtest::run(model, passtest::formulaInput({1, 3, 224, 224}));
        QCOMPARE(out.dims(), (std::vector<int64_t>{1, 1000}));
        QCOMPARE(foldwise::summariseModel(*model).totals.params, floatParameters(pruned));
    }

    void maskingAndShrinkingAgree_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("stem");
        QTest::addColumn<int>("criterion");
        QTest::addColumn<double>("rate");
        QTest::newRow("resnet18 global (index-adds)") << QString::fromStdString(kResnet) << "resnet18_global" << int(PruneCriterion::Global) << 0.4;
        QTest::newRow("mobilenet_v2 global (depthwise)") << QString::fromStdString(kMobileNet) << "mobilenet_v2_global" << int(PruneCriterion::Global) << 0.3;
        QTest::newRow("cnv local (BN, MatMul after Flatten)") << QString::fromStdString(kCnv) << "cnv_local" << int(PruneCriterion::Local) << 0.5;
    }

    void maskingAndShrinkingAgree()
    {
        QFETCH(QString, model);
        QFETCH(QString, stem);
        QFETCH(int, criterion);
        QFETCH(double, rate);
        const auto r = prune(model.toStdString(), static_cast<PruneCriterion>(criterion), rate);
        const auto m = Model::load(model.toStdString());
        const std::vector<int64_t> dims = m->graph().tensor(m->graph().inputs()[0]).shape.values();
        checkMaskingEqualsShrinking(model.toStdString(), r, stem.toStdString(), dims);
    }

    void simdAlignedKeptCounts()
    {
        const std::vector<int64_t> simd = {16, 32, 8, 16, 32, 64, 16, 16};
        const auto r = prune(kCnv, PruneCriterion::Global, 0.4, std::nullopt, simd);
        const onnx::ModelProto pruned = written(r, "cnv_simd.onnx");
        QCOMPARE(r.report["layers"].size(), simd.size());
        bool anyPruned = false;
        for (std::size_t i = 0; i < simd.size(); ++i) {
            const auto& l = r.report["layers"][i];
            const std::string name = l["name"];
            // Read the kept count from the written weights: rows of a Conv, columns of a MatMul.
            const int64_t kept = weightDim(pruned, name, nodeNamed(pruned, name)->op_type() == "Conv" ? 0 : 1);
            QCOMPARE(kept % simd[i], int64_t(0));
            anyPruned = anyPruned || kept < l["channels_before"].get<int64_t>();
        }
        QVERIFY(anyPruned);
        // Removed channels come in whole groups of SIMD consecutive channels.
        for (std::size_t i = 0; i < simd.size(); ++i) {
            const std::vector<int64_t> removed = r.report["layers"][i]["removed"];
            for (std::size_t k = 0; k < removed.size(); ++k)
                QCOMPARE(removed[k] % simd[i] == 0, k % static_cast<std::size_t>(simd[i]) == 0);
        }
    }

    void badOptionsAreNamed()
    {
        const auto cnv = Model::load(kCnv);
        const auto expectMessage = [&](const PruningOptions& o, const std::string& part) {
            try {
                foldwise::passes::pruneChannels(*cnv, o);
                QFAIL(("no error for " + part).c_str());
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find(part) != std::string::npos, e.what());
            }
        };
        PruningOptions o;
        expectMessage(o, "--rate or --target-params");
        o.rate = 1.0;
        expectMessage(o, "--rate");
        o.rate = 0.5;
        o.simd = {7};
        expectMessage(o, "--simd-list: layer '/0/Conv' has 64 channels, not a multiple of its SIMD 7");
        o.simd = {1, 2, 3};
        expectMessage(o, "--simd-list: 3 values for 8 prunable layers");
        o.simd = {};
        o.rate.reset();
        o.targetParams = -5;
        expectMessage(o, "--target-params");

        // A model whose only layer writes its output has nothing to prune.
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {1, 3, 8, 8});
        fixtures::addConv(m, "conv", "x", "y", 3, 4, 3);
        fixtures::addOutput(m, "y");
        const auto single = passtest::loadProto(m, dir_.filePath("single.onnx"));
        PruningOptions one;
        one.rate = 0.5;
        QVERIFY_THROWS_EXCEPTION(foldwise::ModelError, foldwise::passes::pruneChannels(*single, one));
    }

    void cancelledPassThrows()
    {
        std::atomic<bool> cancel{true};
        foldwise::passes::PassContext context;
        context.cancel = &cancel;
        PruningOptions o;
        o.targetParams = 1'000'000;
        QVERIFY_THROWS_EXCEPTION(foldwise::passes::PassCancelled,
                                 foldwise::passes::pruneChannels(*Model::load(kCnv), o, context));
    }

    void recipeListsThePerLayerSparsities()
    {
        const auto r = prune(kCnv, PruneCriterion::Local, 0.25);
        const std::string yaml = foldwise::passes::pruningRecipe(*Model::load(kCnv), r.report);
        QVERIFY(yaml.find("version: 1.1.0\n\nmodifiers:\n") != std::string::npos);
        std::size_t modifiers = 0;
        for (std::size_t at = yaml.find("!StructuredPruningModifier"); at != std::string::npos;
             at = yaml.find("!StructuredPruningModifier", at + 1))
            ++modifiers;
        QCOMPARE(modifiers, r.report["layers"].size());
        QVERIFY(yaml.find("    final_sparsity: 0.25\n") != std::string::npos);
        QVERIFY(yaml.find("    mask_type: filter\n") != std::string::npos);
    }

    void hardwareAndFidelityBeforeAndAfter()
    {
        const auto model = Model::load(kCnv);
        PruningOptions o;
        o.criterion = PruneCriterion::Global;
        o.rate = 0.5;
        const auto r = foldwise::passes::pruneChannels(*model, o);
        foldwise::passes::PruningEvaluationOptions e;
        e.platform = "zcu102";
        e.data = "synthetic:16:3";
        e.calibration.itemDims = std::vector<int64_t>{3, 32, 32};
        const nlohmann::json j = foldwise::passes::evaluatePruning(*model, *r.model, e);
        const nlohmann::json& f = j["hardware"]["fpgaconvnet"];
        QVERIFY2(!f["before"].contains("error") && !f["after"].contains("error"), f.dump().c_str());
        // Half the channels: the greedy design on the same device is at least as fast.
        QVERIFY(f["after"]["interval_cycles"].get<double>() <= f["before"]["interval_cycles"].get<double>());
        QVERIFY(j["hardware"]["finn"].contains("before"));
        QCOMPARE(j["accuracy"]["items"].get<int64_t>(), int64_t(16));
        QVERIFY(j["accuracy"]["after"].contains("fidelity"));
    }

    void hardwareModelsTakeTheIndexAdds()
    {
        const auto model = Model::load(kResnet);
        const auto r = prune(kResnet, PruneCriterion::Global, 0.4);
        foldwise::passes::PruningEvaluationOptions e;
        e.finn = false;
        const nlohmann::json j = foldwise::passes::evaluatePruning(*model, *r.model, e);
        const nlohmann::json& f = j["hardware"]["fpgaconvnet"];
        QVERIFY2(!f["after"].contains("error"), f.dump().c_str());
        QVERIFY(f["after"]["dsp"].get<double>() > 0);
    }
};

QTEST_GUILESS_MAIN(TestPruning)
#include "tst_pruning.moc"
