#include "OnnxFixtures.h"

#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <cstring>
#include <fstream>

using namespace foldwise;

namespace {

std::string tensorName(const Graph& g, TensorId id)
{
    return g.tensor(id).name;
}

// input(1x3x8x8) -> conv1 -> relu1 -> conv2 -> output
onnx::ModelProto chainModel()
{
    onnx::ModelProto m = fixtures::modelWithInput("input", {1, 3, 8, 8});
    fixtures::addConv(m, "conv1", "input", "c1", 3, 4, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c1"}, {"r1"}, "relu1");
    fixtures::addConv(m, "conv2", "r1", "output", 4, 2, 3, 1, 1);
    fixtures::addOutput(m, "output");
    return m;
}

} // namespace

class TestModelIr : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

private slots:
    void producersAndConsumers()
    {
        fixtures::save(chainModel(), path("chain.onnx"));
        const auto model = Model::load(path("chain.onnx"));
        const Graph& g = model->graph();
        QCOMPARE(g.nodes().size(), std::size_t(3));
        QCOMPARE(g.inputs().size(), std::size_t(1)); // initializers are not real inputs
        QCOMPARE(tensorName(g, g.inputs()[0]), std::string("input"));
        QCOMPARE(tensorName(g, g.outputs()[0]), std::string("output"));

        const TensorId c1 = g.findTensor("c1").value();
        QCOMPARE(g.node(g.tensor(c1).producer).name, std::string("conv1"));
        QCOMPARE(g.tensor(c1).consumers.size(), std::size_t(1));
        QCOMPARE(g.node(g.tensor(c1).consumers[0]).name, std::string("relu1"));

        const TensorId w = g.findTensor("W_conv1").value();
        QCOMPARE(g.tensor(w).role, TensorRole::Initializer);
        QVERIFY(g.isConstant(w));
        QVERIFY(g.tensor(g.findTensor("output").value()).isGraphOutput);

        // shape inference filled every intermediate
        QCOMPARE(g.tensor(c1).shape.toString(), std::string("1x4x8x8"));
        QCOMPARE(g.tensor(g.findTensor("output").value()).shape.toString(), std::string("1x2x8x8"));
        QCOMPARE(g.tensor(c1).type, DataType::Float);
    }

    void topologicalOrderOfUnsortedGraph()
    {
        onnx::ModelProto m = chainModel();
        // reverse the node list: still a DAG, just listed backwards
        auto* nodes = m.mutable_graph()->mutable_node();
        std::reverse(nodes->begin(), nodes->end());
        fixtures::save(m, path("reversed.onnx"));
        const auto model = Model::load(path("reversed.onnx"));
        const Graph& g = model->graph();
        std::vector<std::string> order;
        for (NodeId id : g.topologicalOrder())
            order.push_back(g.node(id).name);
        QCOMPARE(order, (std::vector<std::string>{"conv1", "relu1", "conv2"}));
        // node ids keep the file's order; protoIndex points back into the ModelProto
        QCOMPARE(g.node(0).name, std::string("conv2"));
        QCOMPARE(model->proto().graph().node(g.node(0).protoIndex).name(), std::string("conv2"));
    }

    void generatedAndDeduplicatedNames()
    {
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4});
        fixtures::addNode(m, "Relu", {"x"}, {"a"});
        fixtures::addNode(m, "Relu", {"a"}, {"b"});
        fixtures::addNode(m, "Sigmoid", {"b"}, {"c"}, "Relu_0"); // the name a generator would pick
        fixtures::addNode(m, "Tanh", {"c"}, {"d"}, "dup");
        fixtures::addNode(m, "Tanh", {"d"}, {"e"}, "dup");
        fixtures::addOutput(m, "e");
        fixtures::save(m, path("names.onnx"));
        const auto model = Model::load(path("names.onnx"));
        std::set<std::string> names;
        for (const Node& n : model->graph().nodes())
            names.insert(n.name);
        QCOMPARE(names.size(), std::size_t(5));
        QVERIFY(names.count("Relu_0")); // kept by the Sigmoid that owns it
        QCOMPARE(model->graph().node(2).name, std::string("Relu_0"));
        QVERIFY(model->graph().node(0).name.rfind("Relu_", 0) == 0);
        QVERIFY(model->graph().node(0).name != "Relu_0");
        QCOMPARE(model->graph().node(3).name, std::string("dup"));
        QVERIFY(model->graph().node(4).name != "dup");
        QVERIFY(model->graph().findNode(model->graph().node(4).name));
    }

    void initializersAreNotCopied()
    {
        fixtures::save(chainModel(), path("chain.onnx"));
        const auto model = Model::load(path("chain.onnx"));
        const Graph& g = model->graph();
        const ConstantData* w = g.constantData(g.findTensor("W_conv1").value());
        QVERIFY(w);
        const std::string& raw = model->proto().graph().initializer(0).raw_data();
        QCOMPARE(model->proto().graph().initializer(0).name(), std::string("W_conv1"));
        // the view points into the protobuf's own buffer
        QCOMPARE(static_cast<const void*>(w->bytes().data()), static_cast<const void*>(raw.data()));
        QCOMPARE(w->bytes().size(), std::size_t(4 * 3 * 3 * 3 * 4));
        QCOMPARE(w->toDoubles().front(), 0.5);
    }

    void typedFieldInitializers()
    {
        onnx::ModelProto m = fixtures::modelWithInput("x", {2});
        auto* t = m.mutable_graph()->add_initializer();
        t->set_name("i8");
        t->set_data_type(onnx::TensorProto::INT8);
        t->add_dims(3);
        t->add_int32_data(-5);
        t->add_int32_data(7);
        t->add_int32_data(127);
        auto* h = m.mutable_graph()->add_initializer();
        h->set_name("f16");
        h->set_data_type(onnx::TensorProto::FLOAT16);
        h->add_dims(2);
        h->add_int32_data(0x3C00); // 1.0
        h->add_int32_data(0xC000); // -2.0
        fixtures::addNode(m, "Identity", {"x"}, {"y"});
        fixtures::addOutput(m, "y");
        fixtures::save(m, path("typed.onnx"));
        const auto model = Model::load(path("typed.onnx"));
        const Graph& g = model->graph();
        QCOMPARE(g.constantData(g.findTensor("i8").value())->toDoubles(), (std::vector<double>{-5, 7, 127}));
        QCOMPARE(g.constantData(g.findTensor("i8").value())->bytes().size(), std::size_t(3));
        QCOMPARE(g.constantData(g.findTensor("f16").value())->toDoubles(), (std::vector<double>{1.0, -2.0}));
    }

    void externalData()
    {
        onnx::ModelProto m = chainModel();
        // move W_conv1 into weights.bin at offset 16 with a 16-byte preamble
        auto* w = m.mutable_graph()->mutable_initializer(0);
        QCOMPARE(w->name(), std::string("W_conv1"));
        std::string payload(w->raw_data().size(), '\0');
        for (std::size_t i = 0; i < payload.size() / 4; ++i) {
            const float v = static_cast<float>(i);
            std::memcpy(payload.data() + i * 4, &v, 4);
        }
        fixtures::saveBytes(std::string(16, 'x') + payload, path("weights.bin"));
        w->clear_raw_data();
        w->set_data_location(onnx::TensorProto::EXTERNAL);
        auto add = [&](const char* k, const std::string& v) {
            auto* e = w->add_external_data();
            e->set_key(k);
            e->set_value(v);
        };
        add("location", "weights.bin");
        add("offset", "16");
        add("length", std::to_string(payload.size()));
        fixtures::save(m, path("external.onnx"));

        const auto model = Model::load(path("external.onnx"));
        const ConstantData* data = model->graph().constantData(model->graph().findTensor("W_conv1").value());
        QVERIFY(data->isExternal());
        const std::vector<double> values = data->toDoubles();
        QCOMPARE(values.size(), std::size_t(108));
        QCOMPARE(values[0], 0.0);
        QCOMPARE(values[107], 107.0);
        QCOMPARE(model->graph().tensor(model->graph().findTensor("output").value()).shape.toString(),
                 std::string("1x2x8x8"));
    }

    void dynamicBatchDefaultsToOneAndCanBeFixed()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addSymbolicInput(m, "input", "N", {3, 8, 8});
        fixtures::addConv(m, "conv", "input", "output", 3, 4, 3, 2, 1);
        fixtures::addOutput(m, "output");
        fixtures::save(m, path("dynamic.onnx"));

        const auto model = Model::load(path("dynamic.onnx"));
        const Graph& g = model->graph();
        QCOMPARE(g.tensor(g.inputs()[0]).shape.toString(), std::string("1x3x8x8"));
        QCOMPARE(g.tensor(g.outputs()[0]).shape.toString(), std::string("1x4x4x4"));

        LoadOptions keepDynamic;
        keepDynamic.batchOneByDefault = false;
        const auto dynamic = Model::load(path("dynamic.onnx"), keepDynamic);
        QCOMPARE(dynamic->graph().tensor(dynamic->graph().inputs()[0]).shape.toString(), std::string("Nx3x8x8"));
        QVERIFY(!dynamic->graph().tensor(dynamic->graph().outputs()[0]).shape.isStatic());
        QVERIFY(!dynamic->warnings().empty()); // says how to fix the dynamic dimension

        const auto reshaped = model->reshaped({InputShapeOverride{"input", {4, 3, 16, 16}}});
        QCOMPARE(reshaped->graph().tensor(reshaped->graph().outputs()[0]).shape.toString(), std::string("4x4x8x8"));
        QCOMPARE(&reshaped->proto(), &model->proto()); // the protobuf is shared, not copied
        // unnamed override applies to the only input
        const auto unnamed = model->reshaped({InputShapeOverride{"", {2, 3, 8, 8}}});
        QCOMPARE(unnamed->graph().tensor(unnamed->graph().outputs()[0]).shape.toString(), std::string("2x4x4x4"));
    }

    void inputShapeErrors()
    {
        fixtures::save(chainModel(), path("chain.onnx"));
        const auto model = Model::load(path("chain.onnx"));
        try {
            model->reshaped({InputShapeOverride{"nope", {1, 3, 8, 8}}});
            QFAIL("expected an error");
        } catch (const ModelError& e) {
            QVERIFY2(QString(e.what()).contains("no graph input is named 'nope'"), e.what());
            QVERIFY2(QString(e.what()).contains("'input'"), e.what());
        }
        try {
            model->reshaped({InputShapeOverride{"input", {1, 3, 8}}});
            QFAIL("expected an error");
        } catch (const ModelError& e) {
            QVERIFY2(QString(e.what()).contains("rank 4"), e.what());
        }
    }

    void subgraphReadsOuterScope()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "cond", {}, onnx::TensorProto::BOOL);
        fixtures::addInput(m, "x", {2});
        auto* ifNode = fixtures::addNode(m, "If", {"cond"}, {"y"}, "branch");
        fixtures::addNode(m, "Relu", {"x"}, {"outer"}, "producer"); // listed after its sub-graph reader
        for (const char* branch : {"then_branch", "else_branch"}) {
            auto* a = ifNode->add_attribute();
            a->set_name(branch);
            a->set_type(onnx::AttributeProto::GRAPH);
            auto* g = a->mutable_g();
            auto* n = g->add_node();
            n->set_op_type("Identity");
            n->add_input("outer");
            n->add_output(std::string(branch) + "_out");
            auto* o = g->add_output();
            o->set_name(std::string(branch) + "_out");
            o->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
        }
        fixtures::addOutput(m, "y");
        fixtures::save(m, path("if.onnx"));
        const auto model = Model::load(path("if.onnx"));
        const Graph& g = model->graph();
        const Node& branch = g.node(g.findNode("branch").value());
        QCOMPARE(branch.implicitInputs.size(), std::size_t(1));
        QCOMPARE(tensorName(g, branch.implicitInputs[0]), std::string("outer"));
        QCOMPARE(g.node(g.topologicalOrder()[0]).name, std::string("producer"));
    }

    void customOpsStayInTheGraph()
    {
        onnx::ModelProto m = chainModel();
        auto* custom = fixtures::addNode(m, "FancyQuant", {"output"}, {"q"}, "quant");
        custom->set_domain("com.example");
        auto* opset = m.add_opset_import();
        opset->set_domain("com.example");
        opset->set_version(1);
        m.mutable_graph()->clear_output();
        fixtures::addOutput(m, "q");
        fixtures::save(m, path("custom.onnx"));
        const auto model = Model::load(path("custom.onnx"));
        const ModelSummary summary = summariseModel(*model);
        QCOMPARE(summary.layers.size(), std::size_t(4));
        const LayerFigures& quant = summary.layers.back();
        QCOMPARE(quant.name, std::string("quant"));
        QVERIFY(!quant.standardOp);
        QCOMPARE(quant.kind, LayerKind::Custom);
        QCOMPARE(summary.totals.customNodes, int64_t(1));
        QVERIFY(summary.layers[0].standardOp);
    }

    void singleNodeLocalFunctionsAreExpanded()
    {
        onnx::ModelProto m = chainModel();
        m.set_ir_version(8);
        auto* lib = m.add_opset_import();
        lib->set_domain("my.lib");
        lib->set_version(1);
        // my.lib:Leaky(X) = LeakyRelu(X, alpha = @slope), one node: expanded at load.
        onnx::FunctionProto* leaky = m.add_functions();
        leaky->set_name("Leaky");
        leaky->set_domain("my.lib");
        leaky->add_input("X");
        leaky->add_output("Y");
        leaky->add_attribute("slope");
        leaky->add_attribute("note");
        *leaky->add_opset_import() = m.opset_import(0);
        onnx::NodeProto* body = leaky->add_node();
        body->set_op_type("LeakyRelu");
        body->add_input("X");
        body->add_output("Y");
        onnx::AttributeProto* ref = body->add_attribute();
        ref->set_name("alpha");
        ref->set_ref_attr_name("slope");
        ref->set_type(onnx::AttributeProto::FLOAT);
        // my.lib:Twice(X) = Relu(Relu(X)), two nodes: left as a custom op.
        onnx::FunctionProto* twice = m.add_functions();
        twice->set_name("Twice");
        twice->set_domain("my.lib");
        twice->add_input("X");
        twice->add_output("Y");
        *twice->add_opset_import() = m.opset_import(0);
        twice->add_node()->CopyFrom(*fixtures::addNode(m, "Relu", {"X"}, {"T"}));
        twice->add_node()->CopyFrom(*fixtures::addNode(m, "Relu", {"T"}, {"Y"}));
        m.mutable_graph()->mutable_node()->RemoveLast();
        m.mutable_graph()->mutable_node()->RemoveLast();

        auto* call = fixtures::addNode(m, "Leaky", {"output"}, {"l"}, "leaky");
        call->set_domain("my.lib");
        fixtures::setFloat(call, "slope", 0.25f);
        fixtures::setInt(call, "note", 7);
        fixtures::addNode(m, "Twice", {"l"}, {"t"}, "twice")->set_domain("my.lib");
        m.mutable_graph()->clear_output();
        // (ONNX 1.12's checker wants a shape on outputs from IR 8 on.)
        auto* shape = fixtures::addOutput(m, "t")->mutable_type()->mutable_tensor_type()->mutable_shape();
        for (int64_t d : {1, 2, 8, 8})
            shape->add_dim()->set_dim_value(d);
        fixtures::save(m, path("functions.onnx"));

        const auto model = Model::load(path("functions.onnx"));
        for (const std::string& w : model->warnings())
            QVERIFY2(w.find("checker") == std::string::npos, w.c_str());
        const Graph& g = model->graph();
        const Node& expanded = g.node(*g.findNode("leaky"));
        QCOMPARE(expanded.opType, std::string("LeakyRelu"));
        QCOMPARE(expanded.domain, std::string());
        QCOMPARE(expanded.floatAttr("alpha", 0.0f), 0.25f);
        QCOMPARE(expanded.intAttr("note", 0), int64_t(7)); // the call's extra attribute stays
        QCOMPARE(g.tensor(expanded.outputs[0]).shape.toString(), std::string("1x2x8x8"));
        const Node& custom = g.node(*g.findNode("twice"));
        QCOMPARE(custom.opType, std::string("Twice"));
        QCOMPARE(custom.domain, std::string("my.lib"));
        // The file itself is untouched: a re-save writes the calls, not their expansion.
        QCOMPARE(model->proto().graph().node(expanded.protoIndex).op_type(), std::string("Leaky"));
    }

    void attributesDecoded()
    {
        fixtures::save(chainModel(), path("chain.onnx"));
        const auto model = Model::load(path("chain.onnx"));
        const Node& conv = model->graph().node(0);
        QCOMPARE(conv.intsAttr("kernel_shape"), (std::vector<int64_t>{3, 3}));
        QCOMPARE(conv.intAttr("group", 0), int64_t(1));
        QCOMPARE(conv.intAttr("missing", 42), int64_t(42));
        QCOMPARE(conv.attribute("pads")->valueString(), std::string("[1, 1, 1, 1]"));
    }
};

QTEST_GUILESS_MAIN(TestModelIr)
#include "tst_model_ir.moc"
