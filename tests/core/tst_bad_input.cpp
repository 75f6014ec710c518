// Every kind of broken model gives a ModelError that names the file and the problem:
// never a crash, a hang or a silent wrong answer.
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"

#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <random>

using namespace foldwise;

namespace {

onnx::ModelProto validModel()
{
    onnx::ModelProto m = fixtures::modelWithInput("input", {1, 3, 8, 8});
    fixtures::addConv(m, "conv", "input", "c", 3, 4, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c"}, {"output"}, "relu");
    fixtures::addOutput(m, "output");
    return m;
}

void makeExternal(onnx::TensorProto* t, const std::string& location, const std::string& length = {})
{
    t->clear_raw_data();
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    auto* e = t->add_external_data();
    e->set_key("location");
    e->set_value(location);
    if (!length.empty()) {
        auto* l = t->add_external_data();
        l->set_key("length");
        l->set_value(length);
    }
}

} // namespace

class TestBadInput : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    std::string path(const QString& name) const { return dir.filePath(name).toStdString(); }

    // Loads `file` and checks the error names the file and contains every expected phrase.
    void expectError(const std::string& file, const QStringList& phrases)
    {
        fixtures::expectFileError(file, phrases, [](const std::string& f) { summariseModel(*Model::load(f)); });
    }

    void expectError(const onnx::ModelProto& m, const QString& name, const QStringList& phrases)
    {
        fixtures::save(m, path(name));
        expectError(path(name), phrases);
    }

private slots:
    void validModelLoads()
    {
        fixtures::save(validModel(), path("valid.onnx"));
        QCOMPARE(Model::load(path("valid.onnx"))->graph().nodes().size(), std::size_t(2));
    }

    void missingFile() { expectError(path("absent.onnx"), {"cannot open"}); }

    void folder() { expectError(dir.path().toStdString(), {"folder"}); }

    void emptyFile()
    {
        fixtures::saveBytes("", path("empty.onnx"));
        expectError(path("empty.onnx"), {"empty"});
    }

    void truncatedFile()
    {
        std::string bytes;
        validModel().SerializeToString(&bytes);
        fixtures::saveBytes(bytes.substr(0, bytes.size() / 2), path("truncated.onnx"));
        expectError(path("truncated.onnx"), {});
    }

    void notProtobuf()
    {
        fixtures::saveBytes(std::string("\xff\xff\xff\xff\xff\xff garbage", 14), path("garbage.onnx"));
        expectError(path("garbage.onnx"), {"not an ONNX model", "not a valid protobuf"});
    }

    void protobufThatIsNotAModel()
    {
        onnx::NodeProto node;
        node.set_op_type("Relu");
        node.add_input("x");
        node.add_output("y");
        std::string bytes;
        node.SerializeToString(&bytes);
        fixtures::saveBytes(bytes, path("node.onnx"));
        expectError(path("node.onnx"), {"not an ONNX model"});
    }

    void cycle()
    {
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4});
        fixtures::addNode(m, "Add", {"x", "b"}, {"a"}, "first");
        fixtures::addNode(m, "Relu", {"a"}, {"b"}, "second");
        fixtures::addOutput(m, "b");
        expectError(m, "cycle.onnx", {"cycle", "'first'", "'second'"});
    }

    void undefinedTensor()
    {
        onnx::ModelProto m = validModel();
        m.mutable_graph()->mutable_node(1)->set_input(0, "ghost");
        expectError(m, "undefined.onnx", {"'ghost'", "node 'relu' (Relu)", "produced by no node"});
    }

    void missingInitializer()
    {
        onnx::ModelProto m = validModel();
        m.mutable_graph()->mutable_initializer()->DeleteSubrange(0, 1); // drop W_conv
        expectError(m, "noweight.onnx", {"'W_conv'", "node 'conv' (Conv)"});
    }

    void initializerDataTooShort()
    {
        onnx::ModelProto m = validModel();
        auto* w = m.mutable_graph()->mutable_initializer(0);
        w->set_raw_data(w->raw_data().substr(0, 10));
        expectError(m, "short.onnx", {"initializer 'W_conv'", "10 bytes"});
    }

    void initializerTypedDataTooShort()
    {
        onnx::ModelProto m = validModel();
        auto* b = m.mutable_graph()->mutable_initializer(1);
        b->clear_raw_data();
        b->add_float_data(1.0f);
        expectError(m, "shortfloat.onnx", {"initializer 'B_conv'", "holds 1 values"});
    }

    void unknownElementType()
    {
        onnx::ModelProto m = validModel();
        m.mutable_graph()->mutable_initializer(1)->set_data_type(99);
        expectError(m, "type.onnx", {"'B_conv'", "unknown element type 99"});
    }

    void negativeDimensions()
    {
        onnx::ModelProto m = validModel();
        m.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(2)->set_dim_value(-3);
        expectError(m, "negative_input.onnx", {"graph input 'input'", "negative dimension -3"});

        onnx::ModelProto w = validModel();
        w.mutable_graph()->mutable_initializer(1)->set_dims(0, -4);
        expectError(w, "negative_init.onnx", {"'B_conv'", "negative dimension -4"});
    }

    void overflowingDimensions()
    {
        onnx::ModelProto m = validModel();
        auto* shape = m.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape();
        shape->mutable_dim(2)->set_dim_value(int64_t(1) << 40);
        shape->mutable_dim(3)->set_dim_value(int64_t(1) << 40);
        expectError(m, "overflow.onnx", {"graph input 'input'", "overflows"});

        onnx::ModelProto w = validModel();
        auto* b = w.mutable_graph()->mutable_initializer(1);
        b->add_dims(int64_t(1) << 62);
        b->add_dims(int64_t(1) << 62);
        expectError(w, "overflow_init.onnx", {"'B_conv'", "overflows"});
    }

    void twoProducers()
    {
        onnx::ModelProto m = validModel();
        fixtures::addNode(m, "Relu", {"c"}, {"output"}, "again");
        expectError(m, "twice.onnx", {"'output'", "produced twice", "'relu'", "'again'"});
    }

    // One node listing an output twice (the duplicate check read past the node list before).
    void writesOneOutputTwice()
    {
        onnx::ModelProto m = validModel();
        auto* split = fixtures::addNode(m, "Split", {"c"}, {"half", "half"}, "split");
        fixtures::setInt(split, "axis", 1);
        expectError(m, "split_twice.onnx", {"node 'split' (Split)", "writes tensor 'half' twice"});
    }

    // ONNX's shape inference dereferences a missing required attribute (a Scan without
    // num_scan_inputs crashed the process): refused before inference, subgraphs included.
    void missingRequiredAttribute()
    {
        onnx::ModelProto m = validModel();
        fixtures::addNode(m, "Cast", {"c"}, {"cast"}, "cast_without_to");
        expectError(m, "cast.onnx", {"node 'cast_without_to' (Cast)", "lacks its required attribute 'to'"});

        onnx::ModelProto outer = validModel();
        fixtures::addInput(outer, "cond", {}, onnx::TensorProto::BOOL);
        auto* branch = fixtures::addNode(outer, "If", {"cond"}, {"branch"}, "the_if");
        for (const char* name : {"then_branch", "else_branch"}) {
            auto* a = branch->add_attribute();
            a->set_name(name);
            a->set_type(onnx::AttributeProto::GRAPH);
            auto* body = a->mutable_g();
            body->set_name(name);
            auto* n = body->add_node();
            n->set_op_type("Concat"); // without its required axis
            n->add_input("c");
            n->add_input("c");
            n->add_output("joined");
            body->add_output()->set_name("joined");
        }
        expectError(outer, "if.onnx", {"node 'Concat_0' (Concat) in subgraph 'then_branch' of node 'the_if'",
                                        "lacks its required attribute 'axis'"});
    }

    // A zero stride made ONNX's pooling inference divide by zero (SIGFPE).
    void zeroStride()
    {
        onnx::ModelProto m = validModel();
        fixtures::setInts(fixtures::addNode(m, "MaxPool", {"c"}, {"pooled"}, "pool"), "kernel_shape", {2, 2});
        fixtures::setInts(m.mutable_graph()->mutable_node(2), "strides", {2, 0});
        expectError(m, "stride.onnx", {"node 'pool' (MaxPool)", "strides must be positive, found 0"});
    }

    // A convolution without kernel_shape whose weight's rank differs from its input's: ONNX 1.12's
    // inference read past an empty vector (SIGSEGV), whatever the weight (an initializer, an input
    // with symbolic dims, computed by a node). Now the model loads without that shape.
    void convolutionRanksDiffer()
    {
        for (int kind = 0; kind < 3; ++kind) {
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 3});
            if (kind == 0)
                fixtures::addInitializer(m, "w", {1, 3, 2, 2}, 0.5f);
            else if (kind == 1)
                fixtures::addSymbolicInput(m, "w", "n", {3, 2, 2});
            else {
                fixtures::addInitializer(m, "w0", {1, 3, 2, 2}, 0.5f);
                fixtures::addNode(m, "Identity", {"w0"}, {"w"}, "computed");
            }
            fixtures::addNode(m, "Conv", {"x", "w"}, {"y"}, "conv");
            fixtures::addOutput(m, "y");
            const std::string file = path(QString("ranks%1.onnx").arg(kind));
            fixtures::save(m, file);
            try {
                const auto model = Model::load(file);
                QVERIFY(!model->graph().tensor(model->graph().findTensor("y").value()).hasShape);
            } catch (const ModelError&) {
                // refusing is as good as loading without the shape; crashing is not
            }
        }
    }

    // The guard above still lets inference see a computed weight's shape: the convolution is
    // inferred once the weight's is.
    void convolutionWithComputedWeightIsInferred()
    {
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 3, 8, 8});
        fixtures::addInitializer(m, "w0", {4, 3, 3, 3}, 0.5f);
        fixtures::addNode(m, "Identity", {"w0"}, {"w"}, "computed");
        fixtures::addNode(m, "Conv", {"x", "w"}, {"y"}, "conv");
        fixtures::addNode(m, "Relu", {"y"}, {"output"}, "relu");
        fixtures::addOutput(m, "output");
        fixtures::save(m, path("computed.onnx"));
        const auto model = Model::load(path("computed.onnx"));
        const Graph& g = model->graph();
        QCOMPARE(g.tensor(g.findTensor("output").value()).shape.toString(), std::string("1x4x6x6"));
    }

    // Shape (opset 15 on) of a tensor inference knows nothing of -- a custom op's output, an
    // untyped input -- crashed ONNX 1.12's inference (a null input type). Now it loads, and the
    // custom op's output stays without a type, as before.
    void shapeOfAnUnknownTensor()
    {
        onnx::ModelProto m = fixtures::modelWithInput("x", {2, 3}, 15);
        fixtures::addNode(m, "Mystery", {"x"}, {"mystery"}, "custom")->set_domain("example.custom");
        auto* opset = m.add_opset_import();
        opset->set_domain("example.custom");
        opset->set_version(1);
        fixtures::addNode(m, "Shape", {"mystery"}, {"shape"}, "shape");
        fixtures::addOutput(m, "shape", onnx::TensorProto::INT64);
        fixtures::save(m, path("shape_custom.onnx"));
        const auto model = Model::load(path("shape_custom.onnx"));
        const Graph& g = model->graph();
        QVERIFY(!g.tensor(g.findTensor("mystery").value()).hasShape);

        onnx::ModelProto untyped = fixtures::makeModel(15);
        untyped.mutable_graph()->add_input()->set_name("x");
        fixtures::addNode(untyped, "Shape", {"x"}, {"shape"}, "shape");
        fixtures::addOutput(untyped, "shape", onnx::TensorProto::INT64);
        fixtures::save(untyped, path("shape_untyped.onnx"));
        try {
            Model::load(path("shape_untyped.onnx"));
        } catch (const ModelError&) {
            // refusing the untyped input is fine too; crashing is not
        }
    }

    void writesInitializer()
    {
        onnx::ModelProto m = validModel();
        fixtures::addNode(m, "Relu", {"c"}, {"B_conv"}, "clobber");
        expectError(m, "clobber.onnx", {"node 'clobber' (Relu)", "'B_conv'", "initializer"});
    }

    void noOutputs()
    {
        onnx::ModelProto m = validModel();
        m.mutable_graph()->clear_output();
        expectError(m, "nooutput.onnx", {"no outputs"});
    }

    void outputNobodyProduces()
    {
        onnx::ModelProto m = validModel();
        fixtures::addOutput(m, "phantom");
        expectError(m, "phantom.onnx", {"graph output 'phantom'"});
    }

    void missingOpType()
    {
        onnx::ModelProto m = validModel();
        m.mutable_graph()->mutable_node(1)->clear_op_type();
        expectError(m, "noop.onnx", {"'relu'", "no op_type"});
    }

    void externalDataMissing()
    {
        onnx::ModelProto m = validModel();
        makeExternal(m.mutable_graph()->mutable_initializer(0), "weights_absent.bin");
        expectError(m, "ext_missing.onnx", {"'W_conv'", "weights_absent.bin", "does not exist"});
    }

    void externalDataTooShort()
    {
        onnx::ModelProto m = validModel();
        fixtures::saveBytes(std::string(100, '\0'), path("short.bin"));
        makeExternal(m.mutable_graph()->mutable_initializer(0), "short.bin");
        expectError(m, "ext_short.onnx", {"'W_conv'", "short.bin", "has only 100"});

        onnx::ModelProto l = validModel();
        makeExternal(l.mutable_graph()->mutable_initializer(0), "short.bin", "64");
        expectError(l, "ext_length.onnx", {"'W_conv'", "declares 64 bytes"});
    }

    void externalDataOutsideModelFolder()
    {
        onnx::ModelProto m = validModel();
        makeExternal(m.mutable_graph()->mutable_initializer(0), "../../etc/passwd");
        expectError(m, "ext_escape.onnx", {"'W_conv'", "outside the model's folder"});
        onnx::ModelProto a = validModel();
        makeExternal(a.mutable_graph()->mutable_initializer(0), "/etc/passwd");
        expectError(a, "ext_absolute.onnx", {"'W_conv'", "relative"});
    }

    void externalDataMalformedOffset()
    {
        onnx::ModelProto m = validModel();
        fixtures::saveBytes(std::string(1000, '\0'), path("w.bin"));
        auto* w = m.mutable_graph()->mutable_initializer(0);
        makeExternal(w, "w.bin");
        auto* e = w->add_external_data();
        e->set_key("offset");
        e->set_value("twelve");
        expectError(m, "ext_offset.onnx", {"'W_conv'", "malformed", "twelve"});
    }

    // Mutation fuzzing: truncations and byte flips of a real model either load or give a
    // ModelError. Any crash, hang or other exception fails the suite.
    void mutatedModelsNeverCrash()
    {
        const std::string original = fixtures::readBytes(QString(FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx").toStdString());
        QVERIFY(original.size() > 1000);
        std::mt19937 rng(12345);
        int loaded = 0, rejected = 0;
        auto attempt = [&](const std::string& bytes) {
            fixtures::saveBytes(bytes, path("mutant.onnx"));
            try {
                const auto model = Model::load(path("mutant.onnx"));
                summariseModel(*model);
                ++loaded;
            } catch (const ModelError&) {
                ++rejected;
            }
        };
        for (int i = 1; i <= 150; ++i)
            attempt(original.substr(0, original.size() * static_cast<std::size_t>(i) / 151));
        // Flip bytes in the structural head of the file (node list, attributes) and anywhere.
        std::uniform_int_distribution<std::size_t> head(0, std::min<std::size_t>(original.size() - 1, 3000));
        std::uniform_int_distribution<std::size_t> anywhere(0, original.size() - 1);
        std::uniform_int_distribution<int> byte(0, 255);
        for (int i = 0; i < 600; ++i) {
            std::string mutant = original;
            const int flips = 1 + i % 4;
            for (int f = 0; f < flips; ++f)
                mutant[(i % 3 ? head : anywhere)(rng)] = static_cast<char>(byte(rng));
            attempt(mutant);
        }
        qInfo("mutants: %d loaded, %d rejected with a clear error", loaded, rejected);
        QCOMPARE(loaded + rejected, 750);
        QVERIFY(rejected > 0);
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
