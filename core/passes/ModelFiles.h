#pragma once

// Writing a pass's output model and loading it back into Foldwise.

#include "model/Model.h"

#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

namespace onnx {
class ModelProto;
}

namespace foldwise::passes {

// Serialises `proto` to `file` atomically (AtomicFileWriter: readers never see half a model and
// a failed write leaves an existing file untouched). Throws ModelError naming the file.
void writeModel(const onnx::ModelProto& proto, const std::filesystem::path& file);

// Writes a pass report as indented JSON, atomically. Throws ModelError naming the file.
void writeReport(const nlohmann::json& report, const std::filesystem::path& file);

// Loads `proto` as Foldwise loads any model (from a file: a temporary one in the system's
// temporary folder, removed once loaded), with `options`. `nameForErrors` stands in for the
// file name in load errors. The proto must not reference external data files.
std::shared_ptr<const Model> loadProto(const onnx::ModelProto& proto, const std::string& nameForErrors,
                                       const LoadOptions& options);

} // namespace foldwise::passes
