#include "model/ShapeValueFolding.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace foldwise {
namespace {

// Shape values are small: anything bigger is not a shape computation.
constexpr std::size_t kMaxValues = 64;

struct Values {
    std::vector<int64_t> dims;
    std::vector<int64_t> data;
};

std::optional<Values> fromTensor(const onnx::TensorProto& t)
{
    Values v;
    v.dims.assign(t.dims().begin(), t.dims().end());
    std::size_t count = 1;
    for (int64_t d : v.dims)
        count *= static_cast<std::size_t>(d < 0 ? 0 : d);
    if (count > kMaxValues)
        return std::nullopt;
    const auto type = t.data_type();
    if (t.has_raw_data()) {
        const std::string& raw = t.raw_data();
        if (type == onnx::TensorProto::INT64 && raw.size() == count * 8) {
            v.data.resize(count);
            std::memcpy(v.data.data(), raw.data(), raw.size());
        } else if (type == onnx::TensorProto::INT32 && raw.size() == count * 4) {
            for (std::size_t i = 0; i < count; ++i) {
                int32_t x = 0;
                std::memcpy(&x, raw.data() + i * 4, 4);
                v.data.push_back(x);
            }
        } else {
            return std::nullopt;
        }
    } else if (type == onnx::TensorProto::INT64 && static_cast<std::size_t>(t.int64_data_size()) == count) {
        v.data.assign(t.int64_data().begin(), t.int64_data().end());
    } else if (type == onnx::TensorProto::INT32 && static_cast<std::size_t>(t.int32_data_size()) == count) {
        v.data.assign(t.int32_data().begin(), t.int32_data().end());
    } else {
        return std::nullopt;
    }
    return v;
}

int64_t attrInt(const onnx::NodeProto& n, const std::string& name, int64_t fallback)
{
    for (const auto& a : n.attribute())
        if (a.name() == name && a.type() == onnx::AttributeProto::INT)
            return a.i();
    return fallback;
}

std::optional<std::vector<int64_t>> attrInts(const onnx::NodeProto& n, const std::string& name)
{
    for (const auto& a : n.attribute())
        if (a.name() == name && a.type() == onnx::AttributeProto::INTS)
            return std::vector<int64_t>(a.ints().begin(), a.ints().end());
    return std::nullopt;
}

class Folder {
public:
    explicit Folder(onnx::ModelProto& m) : m_(m)
    {
        for (const auto& o : m.opset_import())
            if (o.domain().empty() || o.domain() == "ai.onnx")
                opset_ = o.version();
        auto addShape = [this](const onnx::ValueInfoProto& vi) {
            if (!vi.type().tensor_type().has_shape())
                return;
            std::vector<int64_t> dims;
            for (const auto& d : vi.type().tensor_type().shape().dim()) {
                if (!d.has_dim_value())
                    return;
                dims.push_back(d.dim_value());
            }
            shapes_[vi.name()] = dims;
        };
        for (const auto& vi : m.graph().input())
            addShape(vi);
        for (const auto& vi : m.graph().value_info())
            addShape(vi);
        for (const auto& t : m.graph().initializer()) {
            if (auto v = fromTensor(t))
                values_[t.name()] = *v;
            shapes_[t.name()] = std::vector<int64_t>(t.dims().begin(), t.dims().end());
        }
    }

    int run()
    {
        int replaced = 0;
        for (auto& n : *m_.mutable_graph()->mutable_node()) {
            if (!n.domain().empty() && n.domain() != "ai.onnx")
                continue;
            if (n.op_type() == "Constant") {
                for (const auto& a : n.attribute())
                    if (a.name() == "value" && a.has_t() && n.output_size() == 1)
                        if (auto v = fromTensor(a.t()))
                            values_[n.output(0)] = *v;
                continue;
            }
            if (n.output_size() != 1)
                continue;
            std::optional<Values> result;
            try {
                result = evaluate(n);
            } catch (const std::exception&) {
                result.reset(); // malformed operands: leave the node to inference
            }
            if (!result || result->data.size() > kMaxValues)
                continue;
            values_[n.output(0)] = *result;
            replaceByConstant(n, *result);
            ++replaced;
        }
        return replaced;
    }

private:
    const Values* value(const onnx::NodeProto& n, int i) const
    {
        if (i >= n.input_size() || n.input(i).empty())
            return nullptr;
        const auto it = values_.find(n.input(i));
        return it == values_.end() ? nullptr : &it->second;
    }

    std::optional<Values> evaluate(const onnx::NodeProto& n) const
    {
        const std::string& op = n.op_type();
        if (op == "Shape") {
            const auto it = n.input_size() ? shapes_.find(n.input(0)) : shapes_.end();
            if (it == shapes_.end())
                return std::nullopt;
            const auto rank = static_cast<int64_t>(it->second.size());
            int64_t start = attrInt(n, "start", 0), end = attrInt(n, "end", rank);
            start = std::clamp(start < 0 ? start + rank : start, int64_t{0}, rank);
            end = std::clamp(end < 0 ? end + rank : end, int64_t{0}, rank);
            Values v;
            for (int64_t i = start; i < end; ++i)
                v.data.push_back(it->second[static_cast<std::size_t>(i)]);
            v.dims = {static_cast<int64_t>(v.data.size())};
            return v;
        }
        const Values* x = value(n, 0);
        if (!x)
            return std::nullopt;
        if (op == "Identity")
            return *x;
        if (op == "Cast") {
            const int64_t to = attrInt(n, "to", 0);
            if (to != onnx::TensorProto::INT64 && to != onnx::TensorProto::INT32)
                return std::nullopt;
            return *x;
        }
        if (op == "Gather") {
            const Values* idx = value(n, 1);
            if (!idx || x->dims.size() != 1 || attrInt(n, "axis", 0) != 0)
                return std::nullopt;
            Values v;
            v.dims = idx->dims;
            const auto size = static_cast<int64_t>(x->data.size());
            for (int64_t i : idx->data) {
                const int64_t k = i < 0 ? i + size : i;
                if (k < 0 || k >= size)
                    return std::nullopt;
                v.data.push_back(x->data[static_cast<std::size_t>(k)]);
            }
            return v;
        }
        if (op == "Unsqueeze" || op == "Squeeze") {
            std::optional<std::vector<int64_t>> axes = attrInts(n, "axes");
            if (!axes && value(n, 1))
                axes = value(n, 1)->data;
            Values v = *x;
            if (op == "Unsqueeze") {
                if (!axes)
                    return std::nullopt;
                const auto rank = static_cast<int64_t>(x->dims.size() + axes->size());
                std::vector<bool> inserted(static_cast<std::size_t>(rank), false);
                for (int64_t a : *axes) {
                    const int64_t k = a < 0 ? a + rank : a;
                    if (k < 0 || k >= rank)
                        return std::nullopt;
                    inserted[static_cast<std::size_t>(k)] = true;
                }
                v.dims.clear();
                std::size_t source = 0;
                for (int64_t k = 0; k < rank; ++k)
                    v.dims.push_back(inserted[static_cast<std::size_t>(k)] ? 1 : x->dims[source++]);
            } else {
                v.dims.clear();
                const auto rank = static_cast<int64_t>(x->dims.size());
                for (int64_t k = 0; k < rank; ++k) {
                    bool drop = !axes && x->dims[static_cast<std::size_t>(k)] == 1;
                    if (axes)
                        for (int64_t a : *axes)
                            drop = drop || (a < 0 ? a + rank : a) == k;
                    if (!drop)
                        v.dims.push_back(x->dims[static_cast<std::size_t>(k)]);
                }
            }
            return v;
        }
        if (op == "Concat") {
            if (attrInt(n, "axis", 0) != 0 && attrInt(n, "axis", 0) != -1)
                return std::nullopt;
            Values v;
            for (int i = 0; i < n.input_size(); ++i) {
                const Values* part = value(n, i);
                if (!part || part->dims.size() != 1)
                    return std::nullopt;
                v.data.insert(v.data.end(), part->data.begin(), part->data.end());
            }
            v.dims = {static_cast<int64_t>(v.data.size())};
            return v;
        }
        if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
            const Values* y = value(n, 1);
            if (!y || (x->data.size() != y->data.size() && x->data.size() != 1 && y->data.size() != 1))
                return std::nullopt;
            Values v = x->data.size() >= y->data.size() ? *x : *y;
            for (std::size_t i = 0; i < v.data.size(); ++i) {
                const int64_t a = x->data[x->data.size() == 1 ? 0 : i], b = y->data[y->data.size() == 1 ? 0 : i];
                int64_t r = 0;
                bool overflow = false;
                if (op == "Add")
                    overflow = __builtin_add_overflow(a, b, &r);
                else if (op == "Sub")
                    overflow = __builtin_sub_overflow(a, b, &r);
                else if (op == "Mul")
                    overflow = __builtin_mul_overflow(a, b, &r);
                else if (b == 0 || (b == -1 && a == std::numeric_limits<int64_t>::min()))
                    overflow = true;
                else
                    r = a / b;
                if (overflow)
                    return std::nullopt;
                v.data[i] = r;
            }
            return v;
        }
        if (op == "Slice" && x->dims.size() == 1) {
            std::vector<int64_t> starts, ends, steps{1};
            if (opset_ < 10) {
                starts = attrInts(n, "starts").value_or(std::vector<int64_t>{});
                ends = attrInts(n, "ends").value_or(std::vector<int64_t>{});
            } else {
                if (!value(n, 1) || !value(n, 2))
                    return std::nullopt;
                starts = value(n, 1)->data;
                ends = value(n, 2)->data;
                if (const Values* s = value(n, 4))
                    steps = s->data;
            }
            if (starts.size() != 1 || ends.size() != 1 || steps.size() != 1 || steps[0] == 0)
                return std::nullopt;
            const auto size = static_cast<int64_t>(x->data.size());
            auto clampIndex = [size](int64_t i, int64_t lo, int64_t hi) {
                if (i < 0)
                    i += size;
                return std::clamp(i, lo, hi);
            };
            const int64_t step = steps[0];
            int64_t b = step > 0 ? clampIndex(starts[0], 0, size) : clampIndex(starts[0], -1, size - 1);
            const int64_t e = step > 0 ? clampIndex(ends[0], 0, size) : clampIndex(ends[0], -1, size - 1);
            Values v;
            for (; step > 0 ? b < e : b > e; b += step)
                v.data.push_back(x->data[static_cast<std::size_t>(b)]);
            v.dims = {static_cast<int64_t>(v.data.size())};
            return v;
        }
        return std::nullopt;
    }

    static void replaceByConstant(onnx::NodeProto& n, const Values& v)
    {
        const std::string output = n.output(0);
        const std::string name = n.name();
        n.Clear();
        n.set_name(name);
        n.set_op_type("Constant");
        n.add_output(output);
        auto* a = n.add_attribute();
        a->set_name("value");
        a->set_type(onnx::AttributeProto::TENSOR);
        auto* t = a->mutable_t();
        t->set_data_type(onnx::TensorProto::INT64);
        for (int64_t d : v.dims)
            t->add_dims(d);
        for (int64_t x : v.data)
            t->add_int64_data(x);
    }

    onnx::ModelProto& m_;
    int64_t opset_ = 0;
    std::map<std::string, std::vector<int64_t>> shapes_;
    std::map<std::string, Values> values_;
};

} // namespace

std::vector<bool> shapeValueTensors(const Graph& g)
{
    std::vector<bool> shapeValue(g.tensors().size(), false);
    const auto staticInput = [&](TensorId t) {
        return t == kNoId || g.isConstant(t) || g.tensor(t).role == TensorRole::Initializer
            || shapeValue[static_cast<std::size_t>(t)];
    };
    for (NodeId id : g.topologicalOrder()) {
        const Node& n = g.node(id);
        const bool shapeOp = (n.domain.empty() || n.domain == "ai.onnx") && n.opType == "Shape";
        if (shapeOp || std::all_of(n.inputs.begin(), n.inputs.end(), staticInput))
            for (TensorId t : n.outputs)
                if (t != kNoId)
                    shapeValue[static_cast<std::size_t>(t)] = true;
    }
    return shapeValue;
}

int foldShapeComputations(onnx::ModelProto& light)
{
    return Folder(light).run();
}

} // namespace foldwise
