#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace foldwise {

// One dimension of a tensor shape: a known size, a named symbol ("batch", "N") or unknown.
struct Dim {
    static constexpr int64_t kUnknown = -1;

    int64_t value = kUnknown;
    std::string symbol; // set only for symbolic dimensions

    static Dim known(int64_t v) { return Dim{v, {}}; }
    static Dim symbolic(std::string name) { return Dim{kUnknown, std::move(name)}; }

    bool isKnown() const { return value >= 0; }
    bool operator==(const Dim&) const = default;
};

class Shape {
public:
    Shape() = default;
    explicit Shape(std::vector<Dim> dims) : dims_(std::move(dims)) {}
    static Shape fromValues(const std::vector<int64_t>& values);

    const std::vector<Dim>& dims() const { return dims_; }
    std::size_t rank() const { return dims_.size(); }
    const Dim& operator[](std::size_t i) const { return dims_[i]; }
    bool isStatic() const;

    // Known sizes; dims that are not known become Dim::kUnknown.
    std::vector<int64_t> values() const;

    // Product of the dims, or nullopt when a dim is not known or the product overflows int64.
    std::optional<int64_t> elementCount() const;

    // "1x3x224x224", "Nx3x224x224", "?x10"; "scalar" for rank 0.
    std::string toString() const;

    bool operator==(const Shape&) const = default;

private:
    std::vector<Dim> dims_;
};

// Multiplies with overflow detection; nullopt on overflow or negative operand.
std::optional<int64_t> checkedProduct(const std::vector<int64_t>& values);

} // namespace foldwise
