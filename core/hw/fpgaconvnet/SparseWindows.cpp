#include "hw/fpgaconvnet/SparseWindows.h"

#include <algorithm>
#include <numeric>

namespace foldwise::fpgaconvnet {

std::vector<double> channelCosts(const HardwareLayer& layer, int64_t fine, bool skipAllZeroWindow)
{
    const int64_t k = layer.kernelSize();
    const int64_t bins = k + 1;
    std::vector<double> cycles(static_cast<std::size_t>(bins));
    for (int64_t j = 0; j <= k; ++j)
        cycles[static_cast<std::size_t>(j)] = j == k ? (skipAllZeroWindow ? 0.0 : 1.0)
                                                     : static_cast<double>((k - j + fine - 1) / fine);
    std::vector<double> costs(static_cast<std::size_t>(layer.channelsIn), 0.0);
    for (int64_t c = 0; c < layer.channelsIn; ++c)
        for (int64_t j = 0; j <= k; ++j)
            costs[static_cast<std::size_t>(c)]
                += cycles[static_cast<std::size_t>(j)] * layer.windowHistogram[static_cast<std::size_t>(c * bins + j)];
    return costs;
}

double maxStreamCost(const HardwareLayer& layer, int64_t streams, int64_t fine, bool skipAllZeroWindow)
{
    const std::vector<double> costs = channelCosts(layer, fine, skipAllZeroWindow);
    const auto channels = static_cast<int64_t>(costs.size());
    if (channels == 0 || streams <= 0)
        return 0.0;
    // Ordered by rate (1 / cost), fastest first; a cost of 0 is the fastest of all.
    std::vector<int64_t> order(static_cast<std::size_t>(channels));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return costs[static_cast<std::size_t>(a)] < costs[static_cast<std::size_t>(b)];
    });
    // (C/S, S) rows in snake order: row r deals channels left to right when r is even, right to
    // left when odd, so each stream gets a balanced mix of fast and slow channels. The mean of
    // the histograms is linear, so the stream's E is the mean of its channels' costs.
    const int64_t rows = channels / streams;
    std::vector<double> streamCost(static_cast<std::size_t>(streams), 0.0);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t s = 0; s < streams; ++s) {
            const int64_t column = r % 2 == 0 ? s : streams - 1 - s;
            streamCost[static_cast<std::size_t>(column)] += costs[static_cast<std::size_t>(order[static_cast<std::size_t>(r * streams + s)])];
        }
    double worst = 0;
    for (double c : streamCost)
        worst = std::max(worst, rows > 0 ? c / static_cast<double>(rows) : 0.0);
    return worst;
}

} // namespace foldwise::fpgaconvnet
