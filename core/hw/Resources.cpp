#include "hw/Resources.h"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace foldwise {
namespace {

struct Field {
    const char* name;
    double ResourceUsage::*used;
    double ResourceLimits::*limit;
};

constexpr Field kFields[] = {
    {"DSP", &ResourceUsage::dsp, &ResourceLimits::dsp},   {"BRAM", &ResourceUsage::bram18, &ResourceLimits::bram18},
    {"LUT", &ResourceUsage::lut, &ResourceLimits::lut},   {"FF", &ResourceUsage::ff, &ResourceLimits::ff},
    {"URAM", &ResourceUsage::uram, &ResourceLimits::uram},
};

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

} // namespace

ResourceLimits parseResourceLimits(const std::string& text)
{
    ResourceLimits limits;
    std::stringstream parts(text);
    std::string part;
    while (std::getline(parts, part, ',')) {
        if (part.empty())
            continue;
        const auto eq = part.find('=');
        if (eq == std::string::npos)
            throw std::invalid_argument("resource limit '" + part + "' is not of the form name=fraction");
        const std::string key = lower(part.substr(0, eq));
        const std::string value = part.substr(eq + 1);
        double v = 0;
        std::size_t used = 0;
        try {
            v = std::stod(value, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (value.empty() || used != value.size() || !std::isfinite(v) || v < 0 || v > 1)
            throw std::invalid_argument("resource limit '" + part + "': the fraction must be a number in [0, 1]");
        const Field* field = nullptr;
        for (const Field& f : kFields)
            if (lower(f.name) == key || (key == "bram18" && f.limit == &ResourceLimits::bram18))
                field = &f;
        if (!field)
            throw std::invalid_argument("resource limit '" + part + "': unknown resource '" + key
                                        + "' (dsp, bram, lut, ff, uram)");
        limits.*(field->limit) = v;
    }
    return limits;
}

std::string firstExcess(const ResourceUsage& used, const ResourceUsage& available, const ResourceLimits& limits)
{
    for (const Field& f : kFields) {
        const double cap = limits.*(f.limit) * available.*(f.used);
        // A tiny tolerance keeps fractional estimates at exactly the cap feasible.
        if (used.*(f.used) > cap + 1e-9) {
            char buffer[160];
            std::snprintf(buffer, sizeof buffer, "%s %.6g > %.6g (%.4g %% of %.6g)", f.name, used.*(f.used), cap,
                          limits.*(f.limit) * 100.0, available.*(f.used));
            return buffer;
        }
    }
    return {};
}

bool fitsWithin(const ResourceUsage& used, const ResourceUsage& available, const ResourceLimits& limits)
{
    return firstExcess(used, available, limits).empty();
}

} // namespace foldwise
