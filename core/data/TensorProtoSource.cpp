#include "data/TensorProtoSource.h"

#include "data/TensorProtoFile.h"
#include "model/ModelError.h"
#include "model/Shape.h"

#include <algorithm>
#include <stdexcept>

namespace foldwise {
namespace {

// The item dims a tensor stands for: as is, or without its leading 1 when that matches the
// expected dims (or, with none expected, for rank 4: 1 x C x H x W).
std::vector<int64_t> itemDimsOf(const std::vector<int64_t>& dims, const std::vector<int64_t>* expected)
{
    const bool leadingOne = dims.size() >= 2 && dims[0] == 1;
    if (expected) {
        if (dims == *expected || !leadingOne)
            return dims;
        return {dims.begin() + 1, dims.end()};
    }
    if (leadingOne && dims.size() == 4)
        return {dims.begin() + 1, dims.end()};
    return dims;
}

} // namespace

TensorProtoSource::TensorProtoSource(std::filesystem::path folder, TensorProtoOptions options)
    : folder_(std::move(folder))
{
    files_ = listTensorFiles(folder_);
    if (files_.empty())
        throw ModelError(folder_.string(), "no .pb tensor files in the folder");
    settleItemDims(options, folder_.string());
}

TensorProtoSource::TensorProtoSource(std::vector<std::filesystem::path> files, TensorProtoOptions options)
    : files_(std::move(files))
{
    if (files_.empty())
        throw ModelError("", "no .pb tensor files given");
    settleItemDims(options, files_.front().string());
}

std::vector<std::filesystem::path> TensorProtoSource::listTensorFiles(const std::filesystem::path& folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw ModelError(folder.string(), fs::exists(folder, ec) ? "not a folder" : "folder does not exist");
    std::vector<fs::path> files;
    for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        std::error_code typeError;
        if (it->is_regular_file(typeError) && it->path().extension() == ".pb")
            files.push_back(it->path().filename());
    }
    if (ec)
        throw ModelError(folder.string(), "cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
    return files;
}

void TensorProtoSource::settleItemDims(const TensorProtoOptions& options, const std::string& where)
{
    if (options.itemDims) {
        itemDims_ = *options.itemDims;
        return;
    }
    std::string firstError;
    for (std::size_t i = 0; i < files_.size(); ++i) {
        try {
            itemDims_ = itemDimsOf(readTensorProto(fullPath(i)).tensor.dims(), nullptr);
            return;
        } catch (const ModelError& e) {
            if (firstError.empty())
                firstError = e.what();
        }
    }
    throw ModelError(where, "none of the " + std::to_string(files_.size()) + " .pb files is a readable tensor (first: "
                                + firstError + ")");
}

std::filesystem::path TensorProtoSource::fullPath(std::size_t index) const
{
    return folder_.empty() ? files_.at(index) : folder_ / files_.at(index);
}

std::string TensorProtoSource::itemId(std::size_t index) const
{
    return files_.at(index).generic_string();
}

void TensorProtoSource::readItem(std::size_t index, std::span<float> out) const
{
    const NamedTensor item = readTensorProto(fullPath(index));
    const HostTensor& t = item.tensor;
    if (itemDimsOf(t.dims(), &itemDims_) != itemDims_)
        throw ModelError(fullPath(index).string(), "tensor shape " + Shape::fromValues(t.dims()).toString()
                                                       + " does not match the items' "
                                                       + Shape::fromValues(itemDims_).toString());
    if (t.type() == DataType::Float) {
        std::copy_n(t.data<float>(), out.size(), out.begin());
    } else if (t.type() == DataType::Double) {
        std::transform(t.data<double>(), t.data<double>() + out.size(), out.begin(),
                       [](double v) { return static_cast<float>(v); });
    } else {
        throw ModelError(fullPath(index).string(), "calibration tensors must be float or double, this one is "
                                                       + std::string(dataTypeName(t.type())));
    }
}

std::string TensorProtoSource::describeItems() const
{
    const std::string where = folder_.empty() ? "a list starting " + files_.front().string() : folder_.string();
    return "tensorproto " + where + " (" + std::to_string(files_.size()) + " files, items "
        + Shape::fromValues(itemDims_).toString() + ")";
}

} // namespace foldwise
