#include "ops/Parameters.h"

#include "io/JsonReading.h"
#include "data/OpenCalibrationSource.h"

#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

namespace foldwise::ops {
namespace {

// Fields are only read here; the accessor is shared with the writers, hence the cast.
FieldRef fieldOf(const ParameterSpec& spec, const OperationParameters& values)
{
    return spec.field(const_cast<OperationParameters&>(values));
}

nlohmann::json fieldJson(const FieldRef& field)
{
    return std::visit(Overloaded{[](const ChoiceField& c) { return nlohmann::json(c.get()); },
                                 [](const auto* value) { return nlohmann::json(*value); }},
                      field);
}

void readField(const FieldRef& field, const JsonNode& node)
{
    std::visit(Overloaded{
                   [&](std::string* v) { *v = node.string(); },
                   [&](bool* v) { *v = node.boolean(); },
                   [&](int* v) {
                       *v = static_cast<int>(node.integerIn(std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
                   },
                   [&](std::int64_t* v) { *v = node.integer(); },
                   [&](std::uint64_t* v) {
                       *v = static_cast<std::uint64_t>(node.integerIn(0, std::numeric_limits<std::int64_t>::max()));
                   },
                   [&](double* v) { *v = node.number(); },
                   [&](std::vector<std::string>* v) {
                       v->clear();
                       for (const JsonNode& e : node.elements())
                           v->push_back(e.string());
                   },
                   [&](std::vector<std::int64_t>* v) {
                       v->clear();
                       for (const JsonNode& e : node.elements())
                           v->push_back(e.integer());
                   },
                   [&](const ChoiceField& c) {
                       try {
                           c.set(node.string());
                       } catch (const std::invalid_argument& e) {
                           node.fail(e.what());
                       }
                   },
               },
               field);
}

std::string number(double v)
{
    std::ostringstream text;
    text << v;
    return text.str();
}

void checkRange(const ParameterSpec& spec, double v)
{
    const bool low = spec.minimum && (spec.minimumExclusive ? !(v > *spec.minimum) : !(v >= *spec.minimum));
    const bool high = spec.maximum && !(v <= *spec.maximum);
    if (!low && !high)
        return;
    if (spec.minimum && spec.maximum)
        throw ParameterError(spec.key, "must be in [" + number(*spec.minimum) + ", " + number(*spec.maximum) + "], not "
                                           + number(v));
    if (spec.minimumExclusive)
        throw ParameterError(spec.key, "must be greater than " + number(*spec.minimum) + ", not " + number(v));
    if (spec.minimum)
        throw ParameterError(spec.key, "must be at least " + number(*spec.minimum) + ", not " + number(v));
    throw ParameterError(spec.key, "must be at most " + number(*spec.maximum) + ", not " + number(v));
}

bool isEmpty(const FieldRef& field)
{
    // The pointers as the variant holds them (non-const), so these win over the fallback.
    return std::visit(Overloaded{[](std::string* v) { return v->empty(); },
                                 [](std::vector<std::string>* v) { return v->empty(); },
                                 [](std::vector<std::int64_t>* v) { return v->empty(); },
                                 [](const auto&) { return false; }},
                      field);
}

void checkPath(const ParameterSpec& spec, const std::string& path)
{
    if (!spec.mustExist || path.empty())
        return;
    std::error_code ec;
    if (spec.path == PathRole::InputFolder ? !std::filesystem::is_directory(path, ec)
                                           : !std::filesystem::is_regular_file(path, ec))
        throw ParameterError(spec.key, (spec.path == PathRole::InputFolder ? "no such folder: " : "no such file: ") + path);
}

} // namespace

void readParameters(const std::vector<ParameterSpec>& specs, OperationParameters& values, const JsonNode& object)
{
    if (!object.isObject())
        object.fail("must be an object of parameters, not " + jsonTypeName(object.raw()));
    for (const auto& [key, node] : object.members()) {
        const ParameterSpec* spec = nullptr;
        for (const ParameterSpec& s : specs)
            if (s.key == key)
                spec = &s;
        if (!spec)
            node.fail("is not a parameter of this operation");
        if (node.isNull())
            continue;
        readField(spec->field(values), node);
        values.given.insert(key);
    }
}

nlohmann::json parametersJson(const std::vector<ParameterSpec>& specs, const OperationParameters& values,
                              const OperationParameters& defaults)
{
    nlohmann::json object = nlohmann::json::object();
    for (const ParameterSpec& spec : specs) {
        const nlohmann::json value = fieldJson(fieldOf(spec, values));
        if (values.wasGiven(spec.key) || value != fieldJson(fieldOf(spec, defaults)))
            object[spec.key] = value;
    }
    return object;
}

std::string absolutePath(const std::string& path)
{
    return path.empty() ? path : std::filesystem::absolute(path).lexically_normal().string();
}

void makePathsAbsolute(const std::vector<ParameterSpec>& specs, OperationParameters& values)
{
    const auto absolute = [](PathRole role, std::string& path) {
        if (path.empty() || role == PathRole::None)
            return;
        path = role == PathRole::CalibrationData ? absoluteCalibrationSpec(path) : absolutePath(path);
    };
    for (const ParameterSpec& spec : specs)
        std::visit(Overloaded{[&](std::string* v) { absolute(spec.path, *v); },
                              [&](std::vector<std::string>* v) {
                                  for (std::string& e : *v)
                                      absolute(spec.path, e);
                              },
                              [](const auto&) {}},
                   spec.field(values));
}

void checkParameters(const std::vector<ParameterSpec>& specs, const OperationParameters& values)
{
    for (const ParameterSpec& spec : specs) {
        const FieldRef field = fieldOf(spec, values);
        if (spec.required && !values.wasGiven(spec.key) && isEmpty(field))
            throw ParameterError(spec.key, "is required");
        std::visit(Overloaded{
                       [&](const std::string* v) {
                           if (!spec.choices.empty() && !v->empty()) {
                               bool known = false;
                               for (const std::string& c : spec.choices)
                                   known = known || c == *v;
                               if (!known) {
                                   std::string list;
                                   for (const std::string& c : spec.choices)
                                       list += (list.empty() ? "" : ", ") + c;
                                   throw ParameterError(spec.key, "'" + *v + "' is not one of " + list);
                               }
                           }
                           if (spec.path != PathRole::None)
                               checkPath(spec, *v);
                       },
                       [&](const std::vector<std::int64_t>* v) {
                           for (std::int64_t e : *v)
                               checkRange(spec, static_cast<double>(e));
                       },
                       [&](const std::vector<std::string>* v) {
                           if (spec.path != PathRole::None)
                               for (const std::string& e : *v)
                                   checkPath(spec, e);
                       },
                       [&](const bool*) {},
                       [&](const ChoiceField&) {},
                       [&](const auto* v) { checkRange(spec, static_cast<double>(*v)); },
                   },
                   field);
    }
}

} // namespace foldwise::ops
