#include "analysis/AnalysisFiles.h"

#include "hw/ToolReports.h"
#include "hw/finn/FoldedGraph.h"
#include "hw/finn/FinnConversion.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/ProfileFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

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

namespace {

// The "format" of a JSON file, from its first 64 KiB: the writers put it among the first keys
// (sorted), so a prefix tells the kinds apart without parsing a profile of many megabytes.
// Empty when there is none; `head` gets the text read.
QString jsonFormat(const QString& path, QString* head = nullptr)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.read(64 * 1024));
    if (head)
        *head = text;
    static const QRegularExpression format(QStringLiteral("\"format\"\\s*:\\s*\"([^\"]*)\""));
    return format.match(text).captured(1);
}

} // namespace

bool isFpgaConvNetConfig(const QString& path)
{
    QString head;
    return jsonFormat(path, &head).isEmpty() && head.contains(QLatin1String("\"partition\""));
}

AnalysisFileKind analysisFileKind(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        if (sweep::isRunDirectory(toFilesystemPath(path)))
            return AnalysisFileKind::RunLog;
        return isFinnEstimateReport(toFilesystemPath(path)) ? AnalysisFileKind::Report : AnalysisFileKind::Unknown;
    }
    if (!info.isFile() || info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) != 0)
        return AnalysisFileKind::Unknown;
    const QString format = jsonFormat(path);
    if (format == QLatin1String("foldwise.activation_profile"))
        return AnalysisFileKind::Profile;
    if (format == QLatin1String("foldwise-design") || isFpgaConvNetConfig(path))
        return AnalysisFileKind::Design;
    if (isFinnEstimateReport(toFilesystemPath(path)) || isFpgaConvNetReport(toFilesystemPath(path)))
        return AnalysisFileKind::Report;
    return AnalysisFileKind::Unknown;
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
    const std::filesystem::path file = toFilesystemPath(path);
    ToolReport report = isFinnEstimateReport(file) ? readFinnEstimateReports(file) : readFpgaConvNetReport(file);
    // Report layer -> the model node it implements.
    std::map<std::string, std::string> nodeOf;
    if (report.tool == "finn") {
        try {
            for (const finn::FinnNode& n : finn::convertToFinn(model).nodes)
                if (!n.onnxNodes.empty())
                    nodeOf[n.name] = n.onnxNodes.front();
        } catch (const std::exception&) {
            // A model FINN cannot convert (or another model's report): the rows stay unmatched.
        }
    }
    std::map<std::string, int> order;
    for (const Node& node : model.graph().nodes())
        order.emplace(node.name, static_cast<int>(order.size()));
    NetworkEstimate& e = report.estimate;
    for (LayerEstimate& l : e.layers) {
        const std::string& node = report.tool == "finn" ? nodeOf[l.name] : l.name;
        if (order.count(node))
            l.onnxNode = node;
    }
    // fpgaConvNet's report lists layers by name (Foldwise's, through a sorted map): the model's
    // order instead, unmatched layers last.
    const auto rank = [&order](const LayerEstimate& l) {
        const auto it = order.find(l.onnxNode);
        return it == order.end() ? static_cast<int>(order.size()) : it->second;
    };
    std::stable_sort(e.layers.begin(), e.layers.end(),
                     [&rank](const LayerEstimate& a, const LayerEstimate& b) { return rank(a) < rank(b); });
    markBottleneck(e); // the interval, read or derived, stays

    auto analysis = std::make_shared<DesignAnalysis>();
    analysis->file = report.file.string();
    analysis->reportTool = report.tool;
    analysis->budget = report.budget;
    analysis->platform = report.platform;
    analysis->estimate = std::move(e);
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
    if (!finn::isFinnDataflowGraph(model))
        return nullptr;
    finn::EstimateOptions options;
    options.fifos = finn::FifoRule::Given;
    const finn::FinnDesign design(finn::readFoldedGraph(model), options);
    auto analysis = std::make_shared<DesignAnalysis>();
    analysis->file = model.file().string();
    analysis->reportTool = "finn";
    analysis->estimate = design.networkEstimate();
    for (LayerEstimate& l : analysis->estimate.layers)
        if (model.graph().findNode(l.name))
            l.onnxNode = l.name;
    return analysis;
}

} // namespace foldwise::gui
