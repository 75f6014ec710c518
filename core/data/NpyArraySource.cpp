#include "data/NpyArraySource.h"

#include "data/InputFile.h"
#include "data/NpyFile.h"
#include "model/ModelError.h"
#include "model/Shape.h"

#include <stdexcept>
#include <vector>

namespace foldwise {
namespace {

std::size_t channelsOf(const NpyHeader& h)
{
    return h.dims.size() >= 3 ? static_cast<std::size_t>(h.dims[1]) : 1;
}

} // namespace

NpyArraySource::NpyArraySource(std::filesystem::path path, NpyArrayOptions options)
    : path_(std::move(path)), options_(std::move(options))
{
    const std::string file = path_.string();
    file_ = std::make_unique<InputFile>(path_);
    header_ = readNpyHeader(path_);
    if (header_.dims.size() < 2)
        throw ModelError(file, "a calibration array needs an item axis and item dims (e.g. N x C x H x W), this one is "
                                   + Shape::fromValues(header_.dims).toString());
    if (header_.type != DataType::Float && header_.type != DataType::Double && header_.type != DataType::UInt8)
        throw ModelError(file, "calibration arrays must be float32, float64 or uint8, this one is "
                                   + std::string(dataTypeName(header_.type)));
    if (options_.normalisation) {
        try {
            options_.normalisation->validate(channelsOf(header_));
        } catch (const std::invalid_argument& e) {
            throw ModelError(file, e.what());
        }
    }
}

NpyArraySource::~NpyArraySource() = default;

std::size_t NpyArraySource::size() const
{
    return static_cast<std::size_t>(header_.dims[0]);
}

std::vector<int64_t> NpyArraySource::itemDims() const
{
    return {header_.dims.begin() + 1, header_.dims.end()};
}

std::string NpyArraySource::itemId(std::size_t index) const
{
    return std::to_string(index);
}

void NpyArraySource::readItem(std::size_t index, std::span<float> out) const
{
    if (index >= size())
        throw std::out_of_range("item " + std::to_string(index) + " is beyond the array");
    const std::size_t count = out.size();
    const std::size_t elementSize = dataTypeSize(header_.type);
    const std::uint64_t offset = header_.dataOffset + static_cast<std::uint64_t>(index) * count * elementSize;
    switch (header_.type) {
    case DataType::Float: // straight into the batch, no staging copy
        file_->readExactlyAt(offset, out.data(), count * sizeof(float), "array item");
        break;
    case DataType::Double: {
        std::vector<double> values(count);
        file_->readExactlyAt(offset, values.data(), count * sizeof(double), "array item");
        for (std::size_t i = 0; i < count; ++i)
            out[i] = static_cast<float>(values[i]);
        break;
    }
    default: { // uint8
        std::vector<std::uint8_t> values(count);
        file_->readExactlyAt(offset, values.data(), count, "array item");
        for (std::size_t i = 0; i < count; ++i)
            out[i] = static_cast<float>(values[i]) / 255.0f;
        break;
    }
    }
    if (options_.normalisation)
        options_.normalisation->apply(out, channelsOf(header_));
}

std::string NpyArraySource::describeItems() const
{
    std::string s = "npy " + path_.string() + " (" + std::string(dataTypeName(header_.type)) + " "
        + Shape::fromValues(header_.dims).toString();
    if (header_.type == DataType::UInt8)
        s += ", scaled to [0,1]";
    if (options_.normalisation)
        s += ", " + options_.normalisation->describe();
    return s + ")";
}

} // namespace foldwise
