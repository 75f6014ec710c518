#include "data/ModelCalibration.h"

#include <algorithm>

namespace foldwise {

CalibrationOptions calibrationOptionsFor(const Model& model, const std::filesystem::path& labels)
{
    CalibrationOptions options;
    options.labels = labels;
    const Graph& g = model.graph();
    if (g.inputs().size() != 1)
        return options;
    const Tensor& input = g.tensor(g.inputs()[0]);
    if (!input.hasShape || input.shape.rank() < 2)
        return options;
    std::vector<int64_t> itemDims;
    for (std::size_t i = 1; i < input.shape.rank(); ++i)
        itemDims.push_back(input.shape[i].value);
    if (std::all_of(itemDims.begin(), itemDims.end(), [](int64_t d) { return d > 0; }))
        options.itemDims = itemDims;
    if (itemDims.size() == 3 && (itemDims[0] == 1 || itemDims[0] == 3) && itemDims[1] > 0 && itemDims[2] > 0) {
        options.image.grayscale = itemDims[0] == 1;
        options.image.cropHeight = static_cast<int>(itemDims[1]);
        options.image.cropWidth = static_cast<int>(itemDims[2]);
        // torchvision's evaluation ratio: resize the shorter side to crop * 256 / 224.
        options.image.resizeShorter = static_cast<int>(std::max(itemDims[1], itemDims[2]) * 256 / 224);
    }
    return options;
}

} // namespace foldwise
