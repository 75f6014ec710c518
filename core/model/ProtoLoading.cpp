#include "model/ProtoLoading.h"

#include "io/AtomicFileWriter.h"
#include "model/ModelError.h"

#include <onnx/onnx_pb.h>
#include <unistd.h>

#include <atomic>
#include <climits>

namespace foldwise {
namespace {

struct RemoveOnExit {
    std::filesystem::path path;
    ~RemoveOnExit()
    {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

} // namespace

std::shared_ptr<const Model> loadModelProto(const onnx::ModelProto& proto, const std::filesystem::path& folder,
                                            const std::string& stem, const LoadOptions& options)
{
    static std::atomic<int> counter{0};
    const std::string name = ".foldwise-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + stem;
    RemoveOnExit temporary{folder / name};
    if (proto.ByteSizeLong() > static_cast<std::size_t>(INT_MAX))
        throw ModelError(stem, "the model is larger than 2 GiB, protobuf's limit");
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw ModelError(stem, "cannot serialise the model");
    AtomicFileWriter writer(temporary.path);
    writer.write(bytes.data(), bytes.size());
    writer.commit();
    return Model::load(temporary.path, options);
}

} // namespace foldwise
