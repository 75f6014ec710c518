#pragma once

// What a file or folder a user hands Foldwise holds (opened, dropped, given on a command line),
// and tool reports matched to the model they describe: engine logic every front end shares.

#include "hw/ToolReports.h"

#include <filesystem>
#include <optional>

namespace foldwise {
class Model;
}

namespace foldwise::ops {

// A Report is a tool's own: an fpgaConvNet report.json or FINN's estimate reports (a file of
// them or their folder).
enum class ArtifactFileKind { Unknown, Profile, Design, RunLog, Report };

// A folder is a run log when sweep::isRunDirectory says so; a .json file is told apart by its
// "format" key (foldwise.activation_profile, foldwise-design) or, for fpgaConvNet's config.json,
// its "partition" list. Reads at most the file's first 64 KiB.
ArtifactFileKind artifactFileKind(const std::filesystem::path& path);

// Whether `path` is fpgaConvNet's config.json (a design without a platform) rather than
// Foldwise's design.json.
bool isFpgaConvNetConfig(const std::filesystem::path& path);

// A tool's report with its layers matched to `model`'s nodes (fpgaConvNet: by name; FINN:
// through the model's conversion to FINN nodes, when it converts) and put in the model's order,
// unmatched layers last. Throws ModelError for a file that is no such report.
ToolReport readToolReportFor(const std::filesystem::path& path, const Model& model);

// A FINN folded dataflow graph (step_*.onnx) is its own design: its layers, FIFOs and data-width
// converters as FINN's estimates give them, each row matched to the graph node of that name.
// nullopt for a model that is no FINN graph; throws ModelError for one that cannot be read.
std::optional<NetworkEstimate> foldedGraphEstimate(const Model& model);

} // namespace foldwise::ops
