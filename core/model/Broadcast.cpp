#include "model/Broadcast.h"

#include <stdexcept>
#include <string>

namespace foldwise {

std::vector<int64_t> broadcastDims(const std::vector<std::vector<int64_t>>& shapes)
{
    std::size_t rank = 0;
    for (const auto& s : shapes)
        rank = std::max(rank, s.size());
    std::vector<int64_t> out(rank, 1);
    for (const auto& s : shapes) {
        const std::size_t shift = rank - s.size();
        for (std::size_t i = 0; i < s.size(); ++i) {
            int64_t& o = out[shift + i];
            if (s[i] == o || s[i] == 1)
                continue;
            if (o != 1)
                throw std::invalid_argument("shapes do not broadcast (dim " + std::to_string(shift + i) + ": "
                                            + std::to_string(o) + " vs " + std::to_string(s[i]) + ")");
            o = s[i];
        }
    }
    return out;
}

std::vector<int64_t> broadcastStrides(const std::vector<int64_t>& dims, const std::vector<int64_t>& outputDims)
{
    const std::size_t rank = outputDims.size();
    std::vector<int64_t> strides(rank, 0);
    const std::size_t shift = rank - dims.size();
    int64_t stride = 1;
    for (int i = static_cast<int>(dims.size()) - 1; i >= 0; --i) {
        const auto u = static_cast<std::size_t>(i);
        strides[shift + u] = dims[u] == 1 ? 0 : stride;
        stride *= dims[u];
    }
    return strides;
}

} // namespace foldwise
