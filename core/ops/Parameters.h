#pragma once

// An operation's parameters, described once (as QGIS Processing describes an algorithm's):
// each field of a parameter struct gets a key, a command-line spelling, a help text and its
// checks. From that one description the CLI registers its options, the GUI builds its fields,
// and the parameters are read from and written to JSON, so an operation can be replayed,
// logged in a project or sent to another machine.

#include "model/EnumNames.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace foldwise {
template <class Json>
class BasicJsonNode;
using JsonNode = BasicJsonNode<nlohmann::json>;
}

namespace foldwise::ops {

// The base of every parameter struct: which keys the user set (on the command line, in the
// JSON, in a dialog). Some operations treat a given value differently from a default one: an
// evaluation replaces only the design file's settings the user gave, a resumed sweep takes the
// rest from its manifest.
struct OperationParameters {
    virtual ~OperationParameters() = default;
    bool wasGiven(const std::string& key) const { return given.count(key) > 0; }
    std::set<std::string> given;
};

// A parameter that is wrong or missing, or parameters that do not go together; `key` names the
// parameter (the CLI turns it into the option's spelling, JSON into its path).
class ParameterError : public std::invalid_argument {
public:
    ParameterError(std::string key, const std::string& problem) : std::invalid_argument(problem), key_(std::move(key)) {}
    const std::string& key() const { return key_; }

private:
    std::string key_;
};

// An enum field, seen through its names (model/EnumNames.h).
struct ChoiceField {
    std::function<std::string()> get;
    std::function<void(const std::string&)> set; // throws std::invalid_argument for an unknown name
};

// std::visit with one lambda per field type.
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// Where a field lives in a parameter struct, by its type.
using FieldRef = std::variant<std::string*, bool*, int*, std::int64_t*, std::uint64_t*, double*,
                              std::vector<std::string>*, std::vector<std::int64_t>*, ChoiceField>;

// What a path parameter names (dialogs offer the matching chooser).
// CalibrationData: an image folder, .npy or .pb file or folder, or synthetic:N[:SEED].
enum class PathRole { None, InputFile, InputFolder, OutputFile, OutputFolder, CalibrationData };

struct ParameterSpec {
    std::string key;   // JSON key, snake_case: "weight_bits"
    std::string flags; // CLI: "--weight-bits", "-o,--output", or a positional's name ("model")
    std::string help;
    bool required = false;
    PathRole path = PathRole::None;
    bool mustExist = false; // an input path that must exist before the operation starts
    std::optional<double> minimum, maximum;
    bool minimumExclusive = false;
    std::vector<std::string> choices; // the allowed values of a text or enum field
    char delimiter = 0;               // a list also given as "a,b,c" in one argument
    std::function<FieldRef(OperationParameters&)> field;

    bool positional() const { return !flags.empty() && flags[0] != '-'; }
    bool isFlag(OperationParameters& p) const { return std::holds_alternative<bool*>(field(p)); }
};

// Chained settings of the spec just added.
class ParameterSpecBuilder {
public:
    explicit ParameterSpecBuilder(ParameterSpec& spec) : spec_(spec) {}
    ParameterSpecBuilder& required() { return spec_.required = true, *this; }
    ParameterSpecBuilder& inputFile() { return spec_.path = PathRole::InputFile, *this; }
    ParameterSpecBuilder& inputFolder() { return spec_.path = PathRole::InputFolder, *this; }
    ParameterSpecBuilder& outputFile() { return spec_.path = PathRole::OutputFile, *this; }
    ParameterSpecBuilder& outputFolder() { return spec_.path = PathRole::OutputFolder, *this; }
    ParameterSpecBuilder& calibrationData() { return spec_.path = PathRole::CalibrationData, *this; }
    ParameterSpecBuilder& existing() { return spec_.mustExist = true, *this; }
    ParameterSpecBuilder& range(double low, double high) { return spec_.minimum = low, spec_.maximum = high, *this; }
    ParameterSpecBuilder& atLeast(double low) { return spec_.minimum = low, *this; }
    ParameterSpecBuilder& positive() { return spec_.minimum = 0, spec_.minimumExclusive = true, *this; }
    ParameterSpecBuilder& oneOf(std::vector<std::string> names) { return spec_.choices = std::move(names), *this; }
    ParameterSpecBuilder& delimiter(char c) { return spec_.delimiter = c, *this; }

private:
    ParameterSpec& spec_;
};

// Collects the specs of one parameter struct P.
template <class P>
class ParameterSpecs {
public:
    // C is P or a base of it (parameters several operations share, ops/HardwareParameters.h).
    template <class T, class C>
    ParameterSpecBuilder add(T C::*member, std::string key, std::string flags, std::string help)
    {
        static_assert(std::is_base_of_v<C, P>);
        ParameterSpec& s = push(std::move(key), std::move(flags), std::move(help));
        s.field = [member](OperationParameters& p) -> FieldRef { return &(static_cast<P&>(p).*member); };
        return ParameterSpecBuilder(s);
    }

    template <class E, class C>
    ParameterSpecBuilder addChoice(E C::*member, std::string key, std::string flags, std::string help)
    {
        static_assert(std::is_base_of_v<C, P>);
        ParameterSpec& s = push(std::move(key), std::move(flags), std::move(help));
        s.choices = enumNameList<E>();
        s.field = [member](OperationParameters& p) -> FieldRef {
            E* value = &(static_cast<P&>(p).*member);
            return ChoiceField{[value] { return enumName(*value); }, [value](const std::string& n) { *value = parseEnum<E>(n); }};
        };
        return ParameterSpecBuilder(s);
    }

    std::vector<ParameterSpec> take() { return std::move(specs_); }

private:
    ParameterSpec& push(std::string key, std::string flags, std::string help)
    {
        specs_.push_back({});
        ParameterSpec& s = specs_.back();
        s.key = std::move(key);
        s.flags = std::move(flags);
        s.help = std::move(help);
        return s;
    }

    std::vector<ParameterSpec> specs_;
};

// Sets the fields of `values` from a JSON object (the "parameters" of an operation file):
// unknown keys, wrong types and out-of-range values are ModelErrors naming the file and key.
// Every key read is marked given. Required parameters and the checks of checkParameters are
// not applied here.
void readParameters(const std::vector<ParameterSpec>& specs, OperationParameters& values, const JsonNode& object);

// The parameters as a JSON object: the keys given, and any field that differs from `defaults`
// (so a replay gives the same run whoever filled the struct).
nlohmann::json parametersJson(const std::vector<ParameterSpec>& specs, const OperationParameters& values,
                              const OperationParameters& defaults);

// `path` absolute and normalised ("" stays ""): how operations name files wherever they run.
std::string absolutePath(const std::string& path);

// The path parameters made absolute (calibration specs as data/OpenCalibrationSource.h makes
// them), so that an operation file names the same files wherever it is replayed.
void makePathsAbsolute(const std::vector<ParameterSpec>& specs, OperationParameters& values);

// The checks every front end applies before a run: required parameters given (or non-empty),
// numbers in range, text among its choices, input paths that must exist. Throws ParameterError.
void checkParameters(const std::vector<ParameterSpec>& specs, const OperationParameters& values);

} // namespace foldwise::ops
