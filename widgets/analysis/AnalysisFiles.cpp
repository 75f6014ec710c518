#include "analysis/AnalysisFiles.h"

#include "hw/fpgaconvnet/DesignFile.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "ops/ArtifactFiles.h"
#include "profile/ProfileFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <map>

namespace foldwise::gui {

std::filesystem::path toFilesystemPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

QString fromFilesystemPath(const std::filesystem::path& path)
{
    return QFile::decodeName(QByteArray::fromStdString(path.string()));
}

bool isFpgaConvNetConfig(const QString& path)
{
    return ops::isFpgaConvNetConfig(toFilesystemPath(path));
}

AnalysisFileKind analysisFileKind(const QString& path)
{
    return ops::artifactFileKind(toFilesystemPath(path));
}

std::shared_ptr<const ActivationProfile> loadProfile(const QString& path)
{
    return std::make_shared<const ActivationProfile>(readProfile(toFilesystemPath(path)));
}

std::shared_ptr<const DesignAnalysis> loadDesign(const QString& path, const Model& model, const ActivationProfile* profile,
                                                 const std::optional<Platform>& platform)
{
    auto analysis = std::make_shared<DesignAnalysis>();
    analysis->file = toFilesystemPath(path).string();
    auto evaluator = std::make_shared<fpgaconvnet::Evaluator>(
        fpgaconvnet::readDesign(toFilesystemPath(path), model, profile, platform));
    analysis->estimate = evaluator->estimate();
    analysis->alternatives.reserve(evaluator->layerCount());
    for (std::size_t i = 0; i < evaluator->layerCount(); ++i)
        analysis->alternatives.push_back(fpgaconvnet::foldingAlternatives(*evaluator, i));
    analysis->budget = evaluator->design().platform.resources;
    analysis->platform = evaluator->design().platform.name;
    try {
        analysis->fidelity =
            std::make_shared<const fpgaconvnet::FidelityReport>(fpgaconvnet::fidelityReport(evaluator->design()));
    } catch (const std::exception& e) { // the design stays usable without the comparison
        analysis->fidelityError = e.what();
    }
    analysis->evaluator = std::move(evaluator);
    return analysis;
}

std::shared_ptr<const DesignAnalysis> loadReport(const QString& path, const Model& model)
{
    ToolReport report = ops::readToolReportFor(toFilesystemPath(path), model);
    auto analysis = std::make_shared<DesignAnalysis>();
    analysis->file = report.file.string();
    analysis->reportTool = report.tool;
    analysis->budget = report.budget;
    analysis->platform = report.platform;
    analysis->estimate = std::move(report.estimate);
    analysis->alternatives.resize(analysis->estimate.layers.size());
    return analysis;
}

std::shared_ptr<const sweep::RunDirectory> loadRunDirectory(const QString& path)
{
    return std::make_shared<const sweep::RunDirectory>(sweep::readRunDirectory(toFilesystemPath(path)));
}

QString loadErrorMessage(const QString& path, const std::exception& error)
{
    const QString message = QString::fromStdString(error.what());
    if (dynamic_cast<const ModelError*>(&error) || message.contains(path))
        return message;
    return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), message);
}

std::shared_ptr<const DesignAnalysis> loadFoldedGraphDesign(const Model& model)
{
    std::optional<NetworkEstimate> estimate = ops::foldedGraphEstimate(model);
    if (!estimate)
        return nullptr;
    auto analysis = std::make_shared<DesignAnalysis>();
    analysis->file = model.file().string();
    analysis->reportTool = "finn";
    analysis->estimate = std::move(*estimate);
    return analysis;
}

} // namespace foldwise::gui
