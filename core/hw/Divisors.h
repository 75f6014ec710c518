#pragma once

#include <cstdint>
#include <vector>

namespace foldwise {

// Divisors of n in ascending order (empty for n <= 0): the folding values that evenly split a
// dimension, in fpgaConvNet's and FINN's models alike.
inline std::vector<int64_t> divisors(int64_t n)
{
    std::vector<int64_t> small, large;
    for (int64_t d = 1; d <= n / d; ++d)
        if (n % d == 0) {
            small.push_back(d);
            if (d != n / d)
                large.push_back(n / d);
        }
    small.insert(small.end(), large.rbegin(), large.rend());
    return small;
}

} // namespace foldwise
