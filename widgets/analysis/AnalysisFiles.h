#pragma once

#include "analysis/DesignAnalysis.h"
#include "profile/ActivationProfile.h"
#include "sweep/RunDirectory.h"

#include <QString>

#include <memory>
#include <optional>

namespace foldwise {
class Model;
}

namespace foldwise::gui {

// What a file or folder given to the analysis (opened, dropped, on the command line) holds.
// A Report is a tool's own: an fpgaConvNet report.json or FINN's estimate reports (a file of
// them or their folder).
enum class AnalysisFileKind { Unknown, Profile, Design, RunLog, Report };

// A folder is a run log when sweep::isRunDirectory says so; a .json file is told apart by its
// "format" key (foldwise.activation_profile, foldwise-design) or, for fpgaConvNet's config.json,
// its "partition" list. Reads at most the file's first 64 KiB.
AnalysisFileKind analysisFileKind(const QString& path);

// Whether `path` is fpgaConvNet's config.json (a design without a platform) rather than
// Foldwise's design.json.
bool isFpgaConvNetConfig(const QString& path);

// The loaders throw ModelError (naming the file and the problem) and std::exception.
std::shared_ptr<const ActivationProfile> loadProfile(const QString& path);
// Rebuilds the design for `model`, evaluated with `profile` (may be null: dense), and works out
// each layer's folding alternatives and its fidelity report (Foldwise's model against
// fpgaConvNet's). `platform` replaces the file's (fpgaConvNet's config.json
// names none).
std::shared_ptr<const DesignAnalysis> loadDesign(const QString& path, const Model& model, const ActivationProfile* profile,
                                                 const std::optional<Platform>& platform = std::nullopt);
std::shared_ptr<const sweep::RunDirectory> loadRunDirectory(const QString& path);
// A tool's report as a design without an evaluator; its layers are matched to the model's nodes
// (fpgaConvNet: by name; FINN: through the model's conversion to FINN nodes, when it converts)
// and put in the model's order.
std::shared_ptr<const DesignAnalysis> loadReport(const QString& path, const Model& model);

// A FINN folded dataflow graph (step_*.onnx) opened as the model is its own design: its layers,
// FIFOs and data-width converters as FINN's estimates give them, each row matched to the graph
// node of that name. nullptr for a model that is no FINN graph; throws ModelError for one that
// cannot be read.
std::shared_ptr<const DesignAnalysis> loadFoldedGraphDesign(const Model& model);

// An exception as one line for the user, naming `path` when the message does not already.
QString loadErrorMessage(const QString& path, const std::exception& error);

// Paths as the engine takes them.
std::filesystem::path toFilesystemPath(const QString& path);
QString fromFilesystemPath(const std::filesystem::path& path);

} // namespace foldwise::gui
