#pragma once

#include "data/CalibrationSource.h"
#include "data/NpyHeader.h"
#include "data/Normalisation.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace foldwise {

class InputFile;

struct NpyArrayOptions {
    // Applied after the uint8 scaling, per channel (axis 1 of the array). Unset: none.
    std::optional<Normalisation> normalisation;
};

// The rows of one .npy array, e.g. N x C x H x W: item i is array[i]. float32 is used as is,
// float64 is converted, uint8 is scaled to [0, 1]. Each item is read from the file when asked
// for (positioned reads), so a huge array is never loaded at once. Item ids are the indices.
class NpyArraySource : public CalibrationSource {
public:
    // Reads the header; throws ModelError(file, reason) for a bad file, an array of rank < 2 or
    // an element type other than float32, float64 and uint8.
    explicit NpyArraySource(std::filesystem::path path, NpyArrayOptions options = {});
    ~NpyArraySource() override;

    std::size_t size() const override;
    std::vector<int64_t> itemDims() const override;
    std::string itemId(std::size_t index) const override;
    void readItem(std::size_t index, std::span<float> out) const override;

protected:
    std::string describeItems() const override;

private:
    std::filesystem::path path_;
    NpyArrayOptions options_;
    NpyHeader header_;
    std::unique_ptr<InputFile> file_;
};

} // namespace foldwise
