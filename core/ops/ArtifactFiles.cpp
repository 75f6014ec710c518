#include "ops/ArtifactFiles.h"

#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FoldedGraph.h"
#include "model/Model.h"
#include "sweep/RunDirectory.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>

namespace foldwise::ops {
namespace {

// The "format" of a JSON file, from its first 64 KiB: the writers put it among the first keys
// (sorted), so a prefix tells the kinds apart without parsing a profile of many megabytes.
// Empty when there is none; `head` gets the text read.
std::string jsonFormat(const std::filesystem::path& path, std::string* head = nullptr)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    std::string text(64 * 1024, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (head)
        *head = text;
    static const std::regex format(R"re("format"\s*:\s*"([^"]*)")re");
    std::smatch match;
    return std::regex_search(text, match, format) ? match[1].str() : std::string();
}

bool hasJsonSuffix(const std::filesystem::path& path)
{
    std::string suffix = path.extension().string();
    std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](unsigned char c) { return std::tolower(c); });
    return suffix == ".json";
}

} // namespace

bool isFpgaConvNetConfig(const std::filesystem::path& path)
{
    std::string head;
    return jsonFormat(path, &head).empty() && head.find("\"partition\"") != std::string::npos;
}

ArtifactFileKind artifactFileKind(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        if (sweep::isRunDirectory(path))
            return ArtifactFileKind::RunLog;
        return isFinnEstimateReport(path) ? ArtifactFileKind::Report : ArtifactFileKind::Unknown;
    }
    if (!std::filesystem::is_regular_file(path, ec) || !hasJsonSuffix(path))
        return ArtifactFileKind::Unknown;
    const std::string format = jsonFormat(path);
    if (format == "foldwise.activation_profile")
        return ArtifactFileKind::Profile;
    if (format == "foldwise-design" || isFpgaConvNetConfig(path))
        return ArtifactFileKind::Design;
    if (isFinnEstimateReport(path) || isFpgaConvNetReport(path))
        return ArtifactFileKind::Report;
    return ArtifactFileKind::Unknown;
}

ToolReport readToolReportFor(const std::filesystem::path& path, const Model& model)
{
    ToolReport report = isFinnEstimateReport(path) ? readFinnEstimateReports(path) : readFpgaConvNetReport(path);
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
    return report;
}

std::optional<NetworkEstimate> foldedGraphEstimate(const Model& model)
{
    if (!finn::isFinnDataflowGraph(model))
        return std::nullopt;
    finn::EstimateOptions options;
    options.fifos = finn::FifoRule::Given;
    const finn::FinnDesign design(finn::readFoldedGraph(model), options);
    NetworkEstimate estimate = design.networkEstimate();
    for (LayerEstimate& l : estimate.layers)
        if (model.graph().findNode(l.name))
            l.onnxNode = l.name;
    return estimate;
}

} // namespace foldwise::ops
