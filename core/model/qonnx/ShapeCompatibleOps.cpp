#include "model/qonnx/ShapeCompatibleOps.h"

#include "model/qonnx/QonnxOps.h"

#include <onnx/onnx_pb.h>

#include <set>
#include <string>
#include <vector>

namespace foldwise::qonnx {
namespace {

std::set<std::string> importedDomains(const onnx::ModelProto& model)
{
    std::set<std::string> domains;
    for (const auto& o : model.opset_import())
        domains.insert(o.domain() == "ai.onnx" ? "" : o.domain());
    return domains;
}

onnx::NodeProto transposeNode(const std::string& in, const std::string& out, const std::vector<int64_t>& perm)
{
    onnx::NodeProto t;
    t.set_op_type("Transpose");
    t.add_input(in);
    t.add_output(out);
    auto* a = t.add_attribute();
    a->set_name("perm");
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t p : perm)
        a->add_ints(p);
    return t;
}

int64_t spatialRank(const onnx::NodeProto& n)
{
    for (const auto& a : n.attribute())
        if (a.name() == "kernel_shape")
            return a.ints_size();
    return 2;
}

// NHWC -> NCHW is [0, r-1, 1, ..., r-2]; OHWI -> OIHW is the same permutation.
std::vector<int64_t> toChannelsFirst(int64_t rank)
{
    std::vector<int64_t> perm{0, rank - 1};
    for (int64_t i = 1; i < rank - 1; ++i)
        perm.push_back(i);
    return perm;
}

std::vector<int64_t> toChannelsLast(int64_t rank)
{
    std::vector<int64_t> perm{0};
    for (int64_t i = 2; i < rank; ++i)
        perm.push_back(i);
    perm.push_back(1);
    return perm;
}

void appendChannelsLast(const onnx::NodeProto& n, bool conv, int& counter, std::vector<onnx::NodeProto>& out)
{
    const int64_t rank = spatialRank(n) + 2;
    const std::string prefix = "__foldwise_cl_" + std::to_string(counter++) + "_";
    onnx::NodeProto op = n;
    op.set_domain("");
    op.clear_output();
    op.set_input(0, prefix + "x");
    out.push_back(transposeNode(n.input(0), prefix + "x", toChannelsFirst(rank)));
    if (conv && n.input_size() > 1) {
        out.push_back(transposeNode(n.input(1), prefix + "w", toChannelsFirst(rank)));
        op.set_input(1, prefix + "w");
    }
    op.add_output(prefix + "y");
    out.push_back(op);
    if (n.output_size() > 0)
        out.push_back(transposeNode(prefix + "y", n.output(0), toChannelsLast(rank)));
}

} // namespace

bool needsCompatibleCopy(const onnx::ModelProto& model)
{
    const std::set<std::string> imported = importedDomains(model);
    for (const auto& n : model.graph().node()) {
        if (opOf(n.op_type(), n.domain()) != Op::None || isFinnDataflowDomain(n.domain()))
            return true;
        const std::string domain = n.domain() == "ai.onnx" ? "" : n.domain();
        if (!domain.empty() && !imported.count(domain))
            return true;
    }
    return false;
}

void makeShapeCompatible(onnx::ModelProto& model)
{
    std::set<std::string> imported = importedDomains(model);
    std::vector<onnx::NodeProto> rewritten;
    rewritten.reserve(static_cast<std::size_t>(model.graph().node_size()));
    int counter = 0;
    for (const auto& n : model.graph().node()) {
        const Op op = opOf(n.op_type(), n.domain());
        if (isQuantizer(op) && n.input_size() > 0 && n.output_size() > 0) {
            onnx::NodeProto identity;
            identity.set_name(n.name());
            identity.set_op_type("Identity");
            identity.add_input(n.input(0));
            identity.add_output(n.output(0));
            rewritten.push_back(std::move(identity));
        } else if (isChannelsLast(op) && n.input_size() > 0) {
            appendChannelsLast(n, op == Op::ChannelsLastConv, counter, rewritten);
        } else {
            rewritten.push_back(n);
        }
    }
    auto* nodes = model.mutable_graph()->mutable_node();
    nodes->Clear();
    for (auto& n : rewritten) {
        const std::string domain = n.domain() == "ai.onnx" ? "" : n.domain();
        if (!imported.count(domain)) {
            auto* o = model.add_opset_import();
            o->set_domain(domain);
            o->set_version(domain.empty() ? 11 : 1);
            imported.insert(domain);
        }
        *nodes->Add() = std::move(n);
    }
}

} // namespace foldwise::qonnx
