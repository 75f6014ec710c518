#include "profile/AnnotatedConv.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <string>

namespace foldwise {
namespace {

constexpr int64_t kFirstIrWithLocalFunctions = 8;

struct ForwardedAttribute {
    const char* name;
    onnx::AttributeProto::AttributeType type;
};

// Conv's attributes in every opset Foldwise runs (1, 11).
constexpr ForwardedAttribute kConvAttributes[] = {
    {"auto_pad", onnx::AttributeProto::STRING}, {"dilations", onnx::AttributeProto::INTS},
    {"group", onnx::AttributeProto::INT},       {"kernel_shape", onnx::AttributeProto::INTS},
    {"pads", onnx::AttributeProto::INTS},       {"strides", onnx::AttributeProto::INTS},
};

// Attributes a call may carry beyond Conv's own: fpgaConvNet's sparsity annotation and the
// quantisation widths seen beside it.
constexpr const char* kAnnotationAttributes[] = {"channel_sparsity_hist", "weight_width", "data_width", "acc_width"};

onnx::FunctionProto makeWrapper(int64_t defaultOpset)
{
    onnx::FunctionProto f;
    f.set_name("Conv");
    f.set_domain(kAnnotatedConvDomain);
    f.set_doc_string("A standard Conv carrying fpgaConvNet's annotations (written by Foldwise).");
    for (const char* in : {"X", "W", "B"})
        f.add_input(in);
    f.add_output("Y");
    onnx::NodeProto* body = f.add_node();
    body->set_op_type("Conv");
    for (const char* in : {"X", "W", "B"})
        body->add_input(in);
    body->add_output("Y");
    for (const ForwardedAttribute& a : kConvAttributes) {
        f.add_attribute(a.name);
        onnx::AttributeProto* ref = body->add_attribute();
        ref->set_name(a.name);
        ref->set_ref_attr_name(a.name);
        ref->set_type(a.type);
    }
    for (const char* a : kAnnotationAttributes)
        f.add_attribute(a);
    onnx::OperatorSetIdProto* opset = f.add_opset_import();
    opset->set_domain("");
    opset->set_version(defaultOpset);
    return f;
}

} // namespace

void makeAnnotatableConv(onnx::ModelProto& model, int nodeIndex, int64_t defaultOpset)
{
    const bool haveFunction = std::any_of(model.functions().begin(), model.functions().end(), [](const auto& f) {
        return f.domain() == kAnnotatedConvDomain && f.name() == "Conv";
    });
    if (!haveFunction)
        *model.add_functions() = makeWrapper(defaultOpset);
    const bool haveImport = std::any_of(model.opset_import().begin(), model.opset_import().end(),
                                        [](const auto& o) { return o.domain() == kAnnotatedConvDomain; });
    if (!haveImport) {
        onnx::OperatorSetIdProto* opset = model.add_opset_import();
        opset->set_domain(kAnnotatedConvDomain);
        opset->set_version(1);
    }
    model.set_ir_version(std::max<int64_t>(model.ir_version(), kFirstIrWithLocalFunctions));
    model.mutable_graph()->mutable_node(nodeIndex)->set_domain(kAnnotatedConvDomain);
}

} // namespace foldwise
