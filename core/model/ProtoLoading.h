#pragma once

#include "model/Model.h"

#include <filesystem>
#include <memory>
#include <string>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// Loads an edited ModelProto as Foldwise loads any model: Model::load reads files (it keeps the
// mapped bytes and the path for provenance), so the proto goes through a temporary file in
// `folder` named after `stem`, removed however loading ends. Put it beside the original when the
// proto references external data files (their paths are relative). Throws ModelError for protos
// over protobuf's 2 GiB limit and whatever loading throws.
std::shared_ptr<const Model> loadModelProto(const onnx::ModelProto& proto, const std::filesystem::path& folder,
                                            const std::string& stem, const LoadOptions& options);

} // namespace foldwise
