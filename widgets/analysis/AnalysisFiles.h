#pragma once

#include "analysis/DesignAnalysis.h"
#include "ops/ArtifactFiles.h"
#include "profile/ActivationProfile.h"
#include "sweep/RunDirectory.h"

#include <QString>

#include <memory>
#include <optional>

namespace foldwise {
class Model;
}

namespace foldwise::gui {

// What a file or folder given to the analysis (opened, dropped, on the command line) holds, and
// whether a design is fpgaConvNet's config.json: core's answers (ops/ArtifactFiles.h) for Qt paths.
using AnalysisFileKind = ops::ArtifactFileKind;
AnalysisFileKind analysisFileKind(const QString& path);
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
