#include "passes/ModelFiles.h"

#include "io/AtomicFileWriter.h"
#include "model/ModelError.h"
#include "model/ProtoLoading.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <string>

namespace foldwise::passes {
namespace {

std::string serialise(const onnx::ModelProto& proto, const std::string& file)
{
    if (proto.ByteSizeLong() > static_cast<std::size_t>(INT_MAX))
        throw ModelError(file, "the transformed model is larger than 2 GiB, protobuf's limit");
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw ModelError(file, "cannot serialise the transformed model");
    return bytes;
}

} // namespace

void writeModel(const onnx::ModelProto& proto, const std::filesystem::path& file)
{
    const std::string bytes = serialise(proto, file.string());
    AtomicFileWriter writer(file);
    writer.write(bytes.data(), bytes.size());
    writer.commit();
}

void writeReport(const nlohmann::json& report, const std::filesystem::path& file)
{
    const std::string text = report.dump(2) + "\n";
    AtomicFileWriter writer(file);
    writer.write(text.data(), text.size());
    writer.commit();
}

std::shared_ptr<const Model> loadProto(const onnx::ModelProto& proto, const std::string& nameForErrors,
                                       const LoadOptions& options)
{
    try {
        return loadModelProto(proto, std::filesystem::temp_directory_path(), "pass.onnx", options);
    } catch (const ModelError& e) {
        throw ModelError(nameForErrors, "the transformed model does not load: " + e.reason());
    }
}

} // namespace foldwise::passes
