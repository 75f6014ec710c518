#pragma once

// tests/reference/common.mjs's input formula, bit-exact in float32: the numbers onnxruntime is
// fed for every reference output in tests/reference.

#include "model/HostTensor.h"

#include <cstdint>
#include <vector>

inline foldwise::HostTensor formulaInput(const std::vector<int64_t>& dims)
{
    auto t = foldwise::HostTensor::allocate(foldwise::DataType::Float, dims);
    float* p = t.mutableData<float>();
    for (int64_t i = 0; i < t.elementCount(); ++i)
        p[i] = static_cast<float>(static_cast<double>((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0);
    return t;
}
