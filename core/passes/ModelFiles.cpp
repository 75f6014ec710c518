#include "passes/ModelFiles.h"

#include "data/AtomicFileWriter.h"
#include "model/ModelError.h"

#include <onnx/onnx_pb.h>

#include <atomic>
#include <climits>
#include <string>
#include <unistd.h>

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

// Removes the temporary model file however loading ends.
struct RemoveOnExit {
    std::filesystem::path path;
    ~RemoveOnExit()
    {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

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
    static std::atomic<int> counter{0};
    const std::string name = ".foldwise-pass-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".onnx";
    RemoveOnExit temporary{std::filesystem::temp_directory_path() / name};
    writeModel(proto, temporary.path);
    try {
        return Model::load(temporary.path, options);
    } catch (const ModelError& e) {
        throw ModelError(nameForErrors, "the transformed model does not load: " + e.reason());
    }
}

} // namespace foldwise::passes
