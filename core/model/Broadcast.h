#pragma once

#include <cstdint>
#include <vector>

namespace foldwise {

// Numpy multidirectional broadcasting: the output dims of several operand shapes.
// Throws std::invalid_argument when they do not broadcast.
std::vector<int64_t> broadcastDims(const std::vector<std::vector<int64_t>>& shapes);

// Element strides of `dims` read as `outputDims` (0 where a dim is broadcast).
std::vector<int64_t> broadcastStrides(const std::vector<int64_t>& dims, const std::vector<int64_t>& outputDims);

// Calls f(outputOffset, inputOffsets..., runLength) for runs along the innermost dim; inputs
// whose innermost stride is 0 repeat one value along the run.
template <typename F>
void forEachBroadcastRun(const std::vector<int64_t>& outDims, const std::vector<std::vector<int64_t>>& strides, F&& f)
{
    const std::size_t rank = outDims.size();
    const std::size_t n = strides.size();
    int64_t total = 1;
    for (int64_t d : outDims)
        total *= d;
    if (total == 0)
        return;
    if (rank == 0) {
        std::vector<int64_t> offsets(n, 0);
        f(int64_t{0}, offsets, int64_t{1});
        return;
    }
    const int64_t inner = outDims[rank - 1];
    std::vector<int64_t> index(rank, 0);
    std::vector<int64_t> offsets(n, 0);
    for (int64_t out = 0; out < total; out += inner) {
        f(out, offsets, inner);
        for (int d = static_cast<int>(rank) - 2; d >= 0; --d) {
            const auto u = static_cast<std::size_t>(d);
            for (std::size_t k = 0; k < n; ++k)
                offsets[k] += strides[k][u];
            if (++index[u] < outDims[u])
                break;
            for (std::size_t k = 0; k < n; ++k)
                offsets[k] -= strides[k][u] * index[u];
            index[u] = 0;
        }
    }
}

} // namespace foldwise
