#include "profile/ReluThresholds.h"

#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "model/ProtoLoading.h"

#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace foldwise {
namespace {

bool usesExternalData(const onnx::ModelProto& proto)
{
    for (const auto& t : proto.graph().initializer())
        if (t.data_location() == onnx::TensorProto::EXTERNAL)
            return true;
    return false;
}

} // namespace

ReluThresholds readReluThresholds(const std::filesystem::path& file)
{
    const nlohmann::json j = readJsonFile(file, "thresholds file");
    if (!j.is_object())
        throw ModelError(file.string(), "expected a JSON object from ReLU node name to threshold");
    ReluThresholds thresholds;
    for (const auto& [name, value] : j.items()) {
        if (!value.is_number() || !std::isfinite(value.get<double>()))
            throw ModelError(file.string(), "the threshold of '" + shortText(name) + "' is not a finite number");
        thresholds[name] = static_cast<float>(value.get<double>());
    }
    return thresholds;
}

namespace {

// Default-domain ops whose form changes between opsets 9 and 10 (attributes became inputs, or
// the op went away): a model using one cannot simply be read as opset 10.
const char* const kChangedAtOpset10[] = {"Slice", "TopK", "Upsample"};

// "" when an opset 7..9 model reads the same as opset 10 (so ThresholdedRelu may be added by
// raising its import; Brevitas exports are opset 9), else the op that changed.
std::string blocksOpset10(const Model& model)
{
    if (model.opsetVersion("") < 7)
        return "opset " + std::to_string(model.opsetVersion(""));
    for (const Node& n : model.graph().nodes())
        for (const char* op : kChangedAtOpset10)
            if (n.domain.empty() && n.opType == op)
                return "its " + n.opType + " '" + n.name + "'";
    return {};
}

} // namespace

void checkReluThresholds(const Model& model, const ReluThresholds& thresholds)
{
    const std::string file = model.file().string();
    if (!thresholds.empty() && model.opsetVersion("") < 10)
        if (const std::string blocker = blocksOpset10(model); !blocker.empty())
            throw ModelError(file, "ReLU thresholds need ThresholdedRelu, which the default domain has from opset 10; "
                                   "the model imports opset " + std::to_string(model.opsetVersion(""))
                                   + " and cannot be read as opset 10 (" + blocker + " changed there)");
    for (const auto& [name, t] : thresholds) {
        const std::optional<NodeId> id = model.graph().findNode(name);
        if (!id)
            throw ModelError(file, "threshold for '" + name + "': the model has no node of that name");
        const Node& n = model.graph().node(*id);
        if (!n.domain.empty() || (n.opType != "Relu" && n.opType != "ThresholdedRelu"))
            throw ModelError(file, "threshold for '" + name + "': the node is a " + n.opType + ", not a Relu");
        if (!std::isfinite(t))
            throw ModelError(file, "threshold for '" + name + "' is not finite");
    }
}

void nameAllNodes(const Model& model, onnx::ModelProto& proto)
{
    for (const Node& n : model.graph().nodes())
        if (n.protoIndex >= 0 && n.protoIndex < proto.graph().node_size())
            proto.mutable_graph()->mutable_node(n.protoIndex)->set_name(n.name);
}

void applyReluThresholds(const Model& model, const ReluThresholds& thresholds, onnx::ModelProto& proto)
{
    checkReluThresholds(model, thresholds);
    if (thresholds.empty())
        return;
    if (model.opsetVersion("") < 10)
        for (auto& o : *proto.mutable_opset_import())
            if (o.domain().empty() || o.domain() == "ai.onnx")
                o.set_version(10); // nothing the model uses reads differently (checked above)
    nameAllNodes(model, proto);
    for (const auto& [name, t] : thresholds) {
        const Node& n = model.graph().node(*model.graph().findNode(name));
        onnx::NodeProto* p = proto.mutable_graph()->mutable_node(n.protoIndex);
        p->set_op_type("ThresholdedRelu");
        p->clear_attribute();
        onnx::AttributeProto* alpha = p->add_attribute();
        alpha->set_name("alpha");
        alpha->set_type(onnx::AttributeProto::FLOAT);
        alpha->set_f(t);
    }
}

std::shared_ptr<const Model> loadWithReluThresholds(const Model& model, const ReluThresholds& thresholds,
                                                    const LoadOptions& options)
{
    onnx::ModelProto proto = model.proto();
    applyReluThresholds(model, thresholds, proto);
    const std::filesystem::path folder = usesExternalData(proto) ? model.file().parent_path()
                                                                 : std::filesystem::temp_directory_path();
    return loadModelProto(proto, folder, "thresholds-" + model.file().filename().string(), options);
}

} // namespace foldwise
