#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise {

// A user's fix for a graph input's dimensions, from `--input-shape name:1,3,224,224`.
struct InputShapeOverride {
    std::string name; // empty: the model's only input
    std::vector<int64_t> dims;
};

// Parses "name:1,3,224,224" or "1,3,224,224". Throws std::invalid_argument with a message that
// quotes the spec and says what is wrong (not a number, negative, empty).
InputShapeOverride parseInputShape(const std::string& spec);

} // namespace foldwise
