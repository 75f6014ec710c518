#include "profile/FpgaConvNetExport.h"

#include "io/AtomicFileWriter.h"
#include "io/CsvText.h"
#include "model/ModelError.h"
#include "profile/AnnotatedConv.h"
#include "profile/ReluThresholds.h"
#include "profile/Sha256.h"

#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>


namespace foldwise {
namespace {

void writeAtomically(const std::filesystem::path& file, const std::string& bytes)
{
    AtomicFileWriter writer(file);
    writer.write(bytes.data(), bytes.size());
    writer.commit();
}

bool usesExternalData(const onnx::ModelProto& proto)
{
    for (const auto& t : proto.graph().initializer())
        if (t.data_location() == onnx::TensorProto::EXTERNAL)
            return true;
    return false;
}

bool sameFolder(const std::filesystem::path& a, const std::filesystem::path& b)
{
    std::error_code ec;
    return std::filesystem::equivalent(std::filesystem::absolute(a).parent_path(),
                                       std::filesystem::absolute(b).parent_path(), ec);
}

} // namespace

std::string sparsityLogCsv(const ActivationProfile& profile)
{
    std::string csv = "Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity,Avg Window Sparsity\n";
    for (const ConvWindowZeros& c : profile.convolutions) {
        csv += csvField(c.conv) + ",Conv," + std::to_string(c.kernelSize) + "," + shortestNumber(meanZerosPerWindow(c)) + ","
            + shortestNumber(meanWindowSparsity(c)) + "," + shortestNumber(allZeroWindowFraction(c)) + "\n";
    }
    return csv;
}

void writeSparsityLogCsv(const std::filesystem::path& file, const ActivationProfile& profile)
{
    writeAtomically(file, sparsityLogCsv(profile));
}

void writeAnnotatedModel(const Model& model, const ActivationProfile& profile, const std::filesystem::path& out,
                         AnnotationStyle style)
{
    const std::string file = model.file().string();
    if (sha256OfFile(model.file()) != profile.provenance.modelSha256)
        throw ModelError(file, "is not the model the profile was made from (SHA-256 differs)");
    if (profile.provenance.items == 0)
        throw ModelError(out.string(), "the profile holds no items, so there is no sparsity to annotate");
    onnx::ModelProto proto = model.proto();
    if (usesExternalData(proto) && !sameFolder(model.file(), out))
        throw ModelError(out.string(), "the model keeps its weights in external data files with relative paths; "
                                       "write the annotated model to the model's folder");
    nameAllNodes(model, proto);
    applyReluThresholds(model, profile.provenance.thresholds, proto);

    for (const ConvWindowZeros& c : profile.convolutions) {
        const std::optional<NodeId> id = model.graph().findNode(c.conv);
        if (!id || model.graph().node(*id).opType != "Conv")
            throw ModelError(file, "the profiled convolution '" + c.conv + "' is not a Conv of this model");
        std::vector<float> flat;
        flat.reserve(c.counts.size());
        for (int64_t ch = 0; ch < c.channels; ++ch)
            for (double v : normalisedWindowHistogram(c, ch))
                flat.push_back(static_cast<float>(v));
        if (style == AnnotationStyle::FpgaConvNet) {
            const int index = model.graph().node(*id).protoIndex;
            makeAnnotatableConv(proto, index, model.opsetVersion(""));
            onnx::NodeProto* node = proto.mutable_graph()->mutable_node(index);
            auto* attributes = node->mutable_attribute();
            for (int i = attributes->size() - 1; i >= 0; --i)
                if (attributes->Get(i).name() == "channel_sparsity_hist")
                    attributes->DeleteSubrange(i, 1);
            onnx::AttributeProto* a = node->add_attribute();
            a->set_name("channel_sparsity_hist");
            a->set_type(onnx::AttributeProto::FLOATS);
            for (float v : flat)
                a->add_floats(v);
        } else {
            nlohmann::json rows = nlohmann::json::array();
            for (int64_t ch = 0; ch < c.channels; ++ch)
                rows.push_back(std::vector<float>(flat.begin() + ch * c.bins(), flat.begin() + (ch + 1) * c.bins()));
            const std::string key = "channel_sparsity_hist:" + c.conv;
            onnx::StringStringEntryProto* entry = nullptr;
            for (auto& e : *proto.mutable_metadata_props())
                if (e.key() == key)
                    entry = &e;
            if (!entry)
                entry = proto.add_metadata_props();
            entry->set_key(key);
            entry->set_value(rows.dump());
        }
    }
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw ModelError(out.string(), "cannot serialise the annotated model (larger than 2 GiB?)");
    writeAtomically(out, bytes);
}

} // namespace foldwise
