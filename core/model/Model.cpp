#include "model/Model.h"

#include "model/ConstantFolding.h"
#include "model/GraphBuilder.h"
#include "model/LocalFunctions.h"
#include "model/MappedFile.h"
#include "model/ModelError.h"
#include "model/ShapeInference.h"
#include "model/qonnx/ShapeCompatibleOps.h"
#include "model/qonnx/TensorFormats.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>

#include <climits>

namespace foldwise {
namespace {

std::shared_ptr<onnx::ModelProto> parseModelFile(const std::filesystem::path& file)
{
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw ModelError(file.string(), "is a folder, not an ONNX model file");
    const MappedFile mapped(file);
    if (mapped.size() == 0)
        throw ModelError(file.string(), "the file is empty");
    if (mapped.size() > static_cast<std::size_t>(INT_MAX))
        throw ModelError(file.string(), "the file is larger than 2 GiB, protobuf's limit; save the model "
                                        "with its tensors in external data files");
    auto proto = std::make_shared<onnx::ModelProto>();
    if (!proto->ParseFromArray(mapped.bytes().data(), static_cast<int>(mapped.size())))
        throw ModelError(file.string(), "not an ONNX model: the file is not a valid protobuf message "
                                        "(truncated or corrupt)");
    if (!proto->has_graph() || proto->ir_version() <= 0)
        throw ModelError(file.string(), std::string("not an ONNX model: the protobuf message has ")
                                            + (proto->has_graph() ? "no IR version" : "no graph"));
    if (proto->graph().node_size() == 0 && proto->graph().output_size() == 0)
        throw ModelError(file.string(), "not an ONNX model: the graph is empty");
    return proto;
}

ModelInfo readInfo(const onnx::ModelProto& p, const std::filesystem::path& file)
{
    ModelInfo info;
    info.irVersion = p.ir_version();
    info.producerName = p.producer_name();
    info.producerVersion = p.producer_version();
    info.domain = p.domain();
    info.modelVersion = p.model_version();
    info.docString = p.doc_string();
    info.graphName = p.graph().name();
    for (const auto& o : p.opset_import())
        info.opsets[o.domain() == "ai.onnx" ? "" : o.domain()] = o.version();
    std::error_code ec;
    info.fileSize = std::filesystem::file_size(file, ec);
    return info;
}

std::map<std::string, std::string> finnDataTypes(const onnx::GraphProto& g)
{
    std::map<std::string, std::string> types;
    for (const auto& a : g.quantization_annotation())
        for (const auto& kv : a.quant_parameter_tensor_names())
            if (kv.key() == "finn_datatype")
                types[a.tensor_name()] = kv.value();
    return types;
}

// ONNX's checker on the model, or on a copy whose QONNX nodes are written as standard ops when
// it has any: it would otherwise complain about the custom domains (often not even imported),
// which is nothing a user must act on.
void runChecker(const onnx::ModelProto& proto, std::vector<std::string>& warnings)
{
    try {
        if (qonnx::needsCompatibleCopy(proto)) {
            onnx::ModelProto copy = proto;
            qonnx::makeShapeCompatible(copy);
            onnx::checker::check_model(copy);
        } else {
            onnx::checker::check_model(proto);
        }
    } catch (const std::exception& e) {
        warnings.push_back(std::string("ONNX checker: ") + e.what());
    }
}

} // namespace

std::shared_ptr<const Model> Model::load(const std::filesystem::path& file, const LoadOptions& options)
{
    std::shared_ptr<Model> model(new Model());
    model->file_ = file;
    model->proto_ = parseModelFile(file);
    model->info_ = readInfo(*model->proto_, file);
    model->options_ = options;
    if (model->info_.opsets.empty())
        model->warnings_.push_back("the model imports no opset; assuming the default domain's latest");
    model->build();
    if (options.runChecker)
        runChecker(*model->proto_, model->warnings_);
    return model;
}

std::shared_ptr<const Model> Model::reshaped(const std::vector<InputShapeOverride>& inputShapes) const
{
    std::shared_ptr<Model> model(new Model());
    model->file_ = file_;
    model->proto_ = proto_;
    model->info_ = info_;
    model->options_ = options_;
    model->options_.inputShapes = inputShapes;
    model->build();
    return model;
}

void Model::build()
{
    const SingleNodeFunctions functions(*proto_);
    graph_ = GraphBuilder(proto_->graph(), file_, &functions).build();
    ShapeInference::run(*proto_, graph_, options_, file_.string(), warnings_);
    folded_.assign(graph_.nodes().size(), false);
    for (auto& f : foldConstants(graph_, opsetVersion(""))) {
        const NodeId producer = graph_.tensor(f.tensor).producer;
        if (producer != kNoId)
            folded_[static_cast<std::size_t>(producer)] = true;
        graph_.constantNodeValues_.insert_or_assign(f.tensor, std::move(f.data));
    }
    formats_ = qonnx::inferTensorFormats(graph_, finnDataTypes(proto_->graph()));
    quantized_ = false;
    for (const auto& f : formats_)
        quantized_ = quantized_ || (f && !f->isFloat());
}

const std::optional<qonnx::NumberFormat>& Model::numberFormat(TensorId tensor) const
{
    static const std::optional<qonnx::NumberFormat> none;
    if (tensor == kNoId || static_cast<std::size_t>(tensor) >= formats_.size())
        return none;
    return formats_[static_cast<std::size_t>(tensor)];
}

bool Model::isFolded(NodeId node) const
{
    return node != kNoId && static_cast<std::size_t>(node) < folded_.size() && folded_[static_cast<std::size_t>(node)];
}

int64_t Model::opsetVersion(const std::string& domain) const
{
    const std::string key = domain == "ai.onnx" ? "" : domain;
    const auto it = info_.opsets.find(key);
    if (it != info_.opsets.end())
        return it->second;
    // A model that imports no default-domain opset gets the newest this ONNX knows (and a
    // warning at load): the same version shape inference assumed.
    if (key.empty()) {
        const auto& ranges = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
        const auto range = ranges.find(onnx::ONNX_DOMAIN);
        return range == ranges.end() ? 0 : range->second.second;
    }
    return 0;
}

} // namespace foldwise
