#pragma once

// Enumerations that users name in files, on command lines and in dialogs (hardware styles,
// threshold policies, sweep modes, objectives...): each enum states its names once, in an
// `enumNames` table beside it, and every front end parses and prints them through these two
// functions, so a name means the same everywhere and an unknown one is refused alike.

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace foldwise {

// Specialised beside each enum: a constexpr array of {value, name} pairs, the first pair the
// usual spelling. Example:
//   template <> inline constexpr std::array enumNames<Objective> = {std::pair{Objective::Throughput, "throughput"}, ...};
template <class E>
inline constexpr std::array<std::pair<E, const char*>, 0> enumNames{};

// The name of a value ("?" for a value the table does not list).
template <class E>
std::string enumName(E value)
{
    for (const auto& [v, name] : enumNames<E>)
        if (v == value)
            return name;
    return "?";
}

// Every name, in table order.
template <class E>
std::vector<std::string> enumNameList()
{
    std::vector<std::string> names;
    for (const auto& entry : enumNames<E>)
        names.emplace_back(entry.second);
    return names;
}

// The value of a name; std::invalid_argument "'x' is not one of a, b, c" otherwise.
template <class E>
E parseEnum(std::string_view name)
{
    std::string known;
    for (const auto& [v, n] : enumNames<E>) {
        if (name == n)
            return v;
        known += (known.empty() ? "" : ", ") + std::string(n);
    }
    throw std::invalid_argument("'" + std::string(name) + "' is not one of " + known);
}

} // namespace foldwise
