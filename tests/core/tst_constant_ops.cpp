// The constant-folding evaluator (model/ConstantOps.h) against values worked out by hand from
// the ONNX operator specifications: the shape arithmetic exporters emit and its corner cases
// (negative indices and steps, integer division and modulo signs, Reshape's 0 and -1).
#include "model/ConstantOps.h"

#include <QtTest>

#include <map>

using namespace foldwise;

namespace {

class Attributes final : public FoldAttributes {
public:
    std::map<std::string, int64_t> ints;
    std::map<std::string, std::vector<int64_t>> lists;
    std::optional<int64_t> integer(std::string_view n) const override
    {
        const auto it = ints.find(std::string(n));
        return it == ints.end() ? std::nullopt : std::optional<int64_t>(it->second);
    }
    std::optional<std::vector<int64_t>> integers(std::string_view n) const override
    {
        const auto it = lists.find(std::string(n));
        return it == lists.end() ? std::nullopt : std::optional<std::vector<int64_t>>(it->second);
    }
    std::optional<float> real(std::string_view) const override { return std::nullopt; }
    std::optional<std::vector<float>> reals(std::string_view) const override { return std::nullopt; }
    const onnx::TensorProto* tensor(std::string_view) const override { return nullptr; }
};

FoldValue ints(std::vector<int64_t> dims, std::vector<int64_t> v)
{
    return FoldValue{DataType::Int64, std::move(dims), std::move(v), {}};
}

FoldValue floats(std::vector<int64_t> dims, std::vector<double> v)
{
    return FoldValue{DataType::Float, std::move(dims), {}, std::move(v)};
}

std::optional<FoldValue> eval(const char* op, const std::vector<const FoldValue*>& in, const Attributes& a = {},
                              int64_t opset = 14)
{
    std::vector<FoldOperand> operands;
    for (const FoldValue* v : in)
        operands.push_back({v != nullptr, v, v ? &v->dims : nullptr});
    return evaluateConstantOp(op, opset, a, operands, 1 << 20);
}

} // namespace

class TestConstantOps : public QObject {
    Q_OBJECT
private slots:
    void shapeWithStartAndEnd()
    {
        const std::vector<int64_t> shape{1, 116, 28, 28};
        Attributes a;
        a.ints["start"] = 1;
        a.ints["end"] = -1;
        std::vector<FoldOperand> in{{true, nullptr, &shape}};
        const auto v = evaluateConstantOp("Shape", 15, a, in, 100);
        QVERIFY(v);
        QCOMPARE(v->ints, (std::vector<int64_t>{116, 28}));
        QCOMPARE(v->dims, (std::vector<int64_t>{2}));
        // Before opset 15 Shape has no start/end: the whole shape.
        QCOMPARE(evaluateConstantOp("Shape", 14, a, in, 100)->ints.size(), std::size_t{4});
    }

    void gatherAlongAnAxisWithNegativeIndices()
    {
        const FoldValue x = ints({2, 3}, {10, 11, 12, 20, 21, 22});
        const FoldValue idx = ints({2}, {-1, 0});
        Attributes a;
        a.ints["axis"] = 1;
        const auto v = eval("Gather", {&x, &idx}, a);
        QCOMPARE(v->dims, (std::vector<int64_t>{2, 2}));
        QCOMPARE(v->ints, (std::vector<int64_t>{12, 10, 22, 20}));
        const FoldValue scalar = ints({}, {1});
        const auto s = eval("Gather", {&x, &scalar}); // axis 0, scalar index: the row
        QCOMPARE(s->dims, (std::vector<int64_t>{3}));
        QCOMPARE(s->ints, (std::vector<int64_t>{20, 21, 22}));
        const FoldValue outside = ints({}, {2});
        QVERIFY(!eval("Gather", {&x, &outside}));
    }

    void integerDivisionAndModulo()
    {
        const FoldValue a = ints({4}, {7, -7, 7, -7});
        const FoldValue b = ints({4}, {2, 2, -2, -2});
        QCOMPARE(eval("Div", {&a, &b})->ints, (std::vector<int64_t>{3, -3, -3, 3})); // truncation
        QCOMPARE(eval("Mod", {&a, &b})->ints, (std::vector<int64_t>{1, 1, -1, -1})); // divisor's sign
        Attributes fmod;
        fmod.ints["fmod"] = 1;
        QCOMPARE(eval("Mod", {&a, &b}, fmod)->ints, (std::vector<int64_t>{1, -1, 1, -1})); // dividend's sign
        const FoldValue zero = ints({}, {0});
        QVERIFY(!eval("Div", {&a, &zero}));
        const FoldValue big = ints({}, {INT64_MAX});
        const FoldValue one = ints({}, {1});
        QVERIFY(!eval("Add", {&big, &one})); // overflow: left to the runtime
    }

    void sliceWithNegativeStepAndClampedEnds()
    {
        const FoldValue x = ints({6}, {0, 1, 2, 3, 4, 5});
        const FoldValue starts = ints({1}, {-1}), ends = ints({1}, {INT64_MIN}), axes = ints({1}, {0}),
                        steps = ints({1}, {-2});
        const auto v = eval("Slice", {&x, &starts, &ends, &axes, &steps});
        QCOMPARE(v->ints, (std::vector<int64_t>{5, 3, 1}));
        // ShuffleNet's split: channels [58, INT64_MAX) of a 1x116x28x28 map along axis 1.
        const FoldValue map = floats({1, 4, 1, 1}, {0.5, 1.5, 2.5, 3.5});
        const FoldValue s = ints({1}, {2}), e = ints({1}, {INT64_MAX}), ax = ints({1}, {1});
        const auto half = eval("Slice", {&map, &s, &e, &ax});
        QCOMPARE(half->dims, (std::vector<int64_t>{1, 2, 1, 1}));
        QCOMPARE(half->reals, (std::vector<double>{2.5, 3.5}));
    }

    void reshapeCopiesZeroAndInfersMinusOne()
    {
        const FoldValue x = floats({2, 3, 4}, std::vector<double>(24, 1.0));
        const FoldValue shape = ints({3}, {0, -1, 2});
        const auto v = eval("Reshape", {&x, &shape});
        QCOMPARE(v->dims, (std::vector<int64_t>{2, 6, 2}));
        const FoldValue wrong = ints({2}, {5, -1});
        QVERIFY(!eval("Reshape", {&x, &wrong}));
        Attributes allowZero;
        allowZero.ints["allowzero"] = 1;
        const FoldValue empty = floats({0, 3}, {});
        const FoldValue zeroShape = ints({2}, {3, 0});
        QCOMPARE(eval("Reshape", {&empty, &zeroShape}, allowZero)->dims, (std::vector<int64_t>{3, 0}));
    }

    void concatTransposeAndUnsqueeze()
    {
        const FoldValue a = ints({1, 2}, {1, 2}), b = ints({1, 2}, {3, 4});
        Attributes axis1;
        axis1.ints["axis"] = 1;
        QCOMPARE(eval("Concat", {&a, &b}, axis1)->ints, (std::vector<int64_t>{1, 2, 3, 4}));
        const FoldValue m = ints({2, 3}, {1, 2, 3, 4, 5, 6});
        const auto t = eval("Transpose", {&m});
        QCOMPARE(t->dims, (std::vector<int64_t>{3, 2}));
        QCOMPARE(t->ints, (std::vector<int64_t>{1, 4, 2, 5, 3, 6}));
        const FoldValue scalar = ints({}, {7});
        const FoldValue axes = ints({1}, {0});
        QCOMPARE(eval("Unsqueeze", {&scalar, &axes})->dims, (std::vector<int64_t>{1}));
        Attributes oldAxes;
        oldAxes.lists["axes"] = {0, 2};
        const FoldValue row = ints({2}, {1, 2});
        QCOMPARE(eval("Unsqueeze", {&row}, oldAxes, 11)->dims, (std::vector<int64_t>{1, 2, 1}));
    }

    void castTruncatesTowardZero()
    {
        const FoldValue x = floats({3}, {2.7, -2.7, 0.5});
        Attributes to;
        to.ints["to"] = static_cast<int64_t>(DataType::Int64);
        QCOMPARE(eval("Cast", {&x}, to)->ints, (std::vector<int64_t>{2, -2, 0}));
        to.ints["to"] = static_cast<int64_t>(DataType::Float);
        const FoldValue third = FoldValue{DataType::Double, {1}, {}, {1.0 / 3.0}};
        QCOMPARE(eval("Cast", {&third}, to)->reals[0], static_cast<double>(1.0f / 3.0f));
    }

    void rangeWhereAndExpand()
    {
        const FoldValue start = ints({}, {10}), limit = ints({}, {1}), delta = ints({}, {-3});
        QCOMPARE(eval("Range", {&start, &limit, &delta})->ints, (std::vector<int64_t>{10, 7, 4}));
        const FoldValue c = FoldValue{DataType::Bool, {2}, {1, 0}, {}};
        const FoldValue x = ints({2}, {1, 2}), y = ints({}, {-1});
        QCOMPARE(eval("Where", {&c, &x, &y})->ints, (std::vector<int64_t>{1, -1}));
        const FoldValue col = ints({2, 1}, {5, 6});
        const FoldValue shape = ints({2}, {2, 3});
        QCOMPARE(eval("Expand", {&col, &shape})->ints, (std::vector<int64_t>{5, 5, 5, 6, 6, 6}));
        const FoldValue a = ints({2}, {3, 0});
        const FoldValue b = ints({2}, {3, 1});
        const auto eq = eval("Equal", {&a, &b});
        QCOMPARE(eq->type, DataType::Bool);
        QCOMPARE(eq->ints, (std::vector<int64_t>{1, 0}));
    }

    // Results over the size limit, unknown ops and missing operands are left to the runtime.
    void refusesWhatItShouldNotFold()
    {
        const FoldValue shape = ints({2}, {2048, 2048});
        std::vector<FoldOperand> in{{true, &shape, &shape.dims}};
        QVERIFY(!evaluateConstantOp("ConstantOfShape", 14, Attributes{}, in, 1 << 20));
        QVERIFY(evaluateConstantOp("ConstantOfShape", 14, Attributes{}, in, 1 << 23));
        // A Range of more steps than int64 counts (0 to 1e30 by 1e-30) is refused, not wrapped
        // into a negative length.
        const FoldValue from = floats({}, {0.0}), to = floats({}, {1e30}), step = floats({}, {1e-30});
        QVERIFY(!eval("Range", {&from, &to, &step}));
        QVERIFY(!isFoldableOp("Conv"));
        const FoldValue x = ints({1}, {1});
        QVERIFY(!eval("Conv", {&x, &x}));
        std::vector<FoldOperand> missing{{true, &x, &x.dims}, {true, nullptr, nullptr}};
        QVERIFY(!evaluateConstantOp("Add", 14, Attributes{}, missing, 100));
    }
};

QTEST_GUILESS_MAIN(TestConstantOps)
#include "tst_constant_ops.moc"
