#include "data/OpenCalibrationSource.h"

#include "data/ImageFolderSource.h"
#include "data/LabelTable.h"
#include "data/NpyArraySource.h"
#include "data/TensorProtoSource.h"
#include "model/ModelError.h"

#include <charconv>

namespace foldwise {
namespace {

constexpr std::string_view kSyntheticPrefix = "synthetic:";

std::optional<std::uint64_t> parseUnsigned(std::string_view s)
{
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::shared_ptr<CalibrationSource> openSynthetic(const std::string& spec, const CalibrationOptions& options)
{
    std::string_view rest = std::string_view(spec).substr(kSyntheticPrefix.size());
    const std::size_t colon = rest.find(':');
    const std::optional<std::uint64_t> count = parseUnsigned(rest.substr(0, colon));
    const std::optional<std::uint64_t> seed = colon == std::string_view::npos ? std::optional<std::uint64_t>(0)
                                                                              : parseUnsigned(rest.substr(colon + 1));
    if (!count || !seed)
        throw ModelError(spec, "expected synthetic:N or synthetic:N:SEED with non-negative integers");
    SyntheticOptions s;
    if (options.itemDims)
        s.itemDims = *options.itemDims;
    s.seed = *seed;
    s.distribution = options.syntheticDistribution;
    return std::make_shared<SyntheticSource>(static_cast<std::size_t>(*count), std::move(s));
}

std::shared_ptr<CalibrationSource> openFolder(const std::filesystem::path& folder, const CalibrationOptions& options)
{
    const bool images = !ImageFolderSource::listImages(folder, options.recursive).empty();
    const bool tensors = !TensorProtoSource::listTensorFiles(folder).empty();
    if (images && tensors)
        throw ModelError(folder.string(), "the folder holds both images and .pb tensors; keep one kind per folder");
    if (tensors)
        return std::make_shared<TensorProtoSource>(folder, TensorProtoOptions{options.itemDims});
    if (images)
        return std::make_shared<ImageFolderSource>(folder, ImageFolderOptions{options.recursive, options.image});
    throw ModelError(folder.string(), std::string("no images (PNG, JPEG, BMP) or .pb tensors in the folder")
                                          + (options.recursive ? " or its subfolders" : ""));
}

std::shared_ptr<CalibrationSource> openSource(const std::string& spec, const CalibrationOptions& options)
{
    namespace fs = std::filesystem;
    if (spec.starts_with(kSyntheticPrefix))
        return openSynthetic(spec, options);
    const fs::path path(spec);
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return openFolder(path, options);
    if (!fs::exists(path, ec))
        throw ModelError(spec, "does not exist (expected a folder, a .npy or .pb file, or synthetic:N)");
    if (path.extension() == ".npy")
        return std::make_shared<NpyArraySource>(path, NpyArrayOptions{options.arrayNormalisation});
    if (path.extension() == ".pb")
        return std::make_shared<TensorProtoSource>(std::vector<fs::path>{path}, TensorProtoOptions{options.itemDims});
    throw ModelError(spec, "unknown calibration data (expected a folder of images or .pb files, a .npy or .pb file, "
                           "or synthetic:N)");
}

} // namespace

std::shared_ptr<CalibrationSource> openCalibrationSource(const std::string& spec, const CalibrationOptions& options)
{
    std::shared_ptr<CalibrationSource> source = openSource(spec, options);
    if (!options.labels.empty())
        source->attachLabels(std::make_shared<const LabelTable>(LabelTable::load(options.labels)));
    return source;
}

std::string absoluteCalibrationSpec(const std::string& spec)
{
    if (spec.empty() || spec.starts_with(kSyntheticPrefix))
        return spec;
    return std::filesystem::absolute(spec).lexically_normal().string();
}

} // namespace foldwise
