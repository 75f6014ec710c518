#pragma once

#include "analysis/DesignAnalysis.h"
#include "profile/ActivationProfile.h"

#include <QString>

#include <map>
#include <string>

class QAbstractItemModel;
class QGraphicsScene;

namespace foldwise {
class Model;
}

namespace foldwise::gui {

// Exports of the analysis: each writes one file atomically (QSaveFile, or the engine's atomic
// writers) and returns false with a one-line message naming the file in *error.
namespace exports {

// The table as shown (sort order and filter of `model`, DisplayRole text), one header row.
bool tableCsv(const QAbstractItemModel& model, const QString& path, QString* error);
// The design's fidelity report (Foldwise's model against fpgaConvNet's, per layer) as
// foldwise-cli evaluate --fidelity writes fidelity.csv.
bool fidelityCsv(const fpgaconvnet::FidelityReport& report, const QString& path, QString* error);
// The graph scene as .png (2x) or .svg, chosen by the suffix.
bool graphImage(QGraphicsScene& scene, const QString& path, QString* error);
// Foldwise's design.json for `model` (its path and SHA-256 recorded for re-evaluation).
bool designJson(const DesignAnalysis& design, const Model& model, const QString& path, QString* error);
// fpgaConvNet's config.json and report.json of the design.
bool fpgaConvNetConfig(const DesignAnalysis& design, const QString& path, QString* error);
bool fpgaConvNetReport(const DesignAnalysis& design, const QString& path, QString* error);
// {"relu node": threshold, ...} as `foldwise-cli profile --thresholds` reads it.
bool thresholdsJson(const std::map<std::string, float>& thresholds, const QString& path, QString* error);
// The model with the profile's thresholds applied and its window histograms on the Convs
// (fpgaConvNet's channel_sparsity_hist).
bool annotatedModel(const Model& model, const ActivationProfile& profile, const QString& path, QString* error);

} // namespace exports
} // namespace foldwise::gui
