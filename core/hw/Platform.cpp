#include "hw/Platform.h"

#include "hw/TomlGuard.h"
#include "model/ModelError.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;

namespace foldwise {
namespace {

// Platform files are a few hundred bytes; a limit keeps a wrong path (a bitstream, a model)
// from being read whole into memory just to report a syntax error.
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;

std::string typeName(const toml::node& n)
{
    switch (n.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "floating-point number";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
    }
    return "nothing";
}

std::string formatNumber(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

// Reads typed values out of one parsed document. Every error names the key as
// "[section] key" and, when the value exists, the line it is on.
class Reader {
public:
    Reader(const toml::table& root, const std::string& file) : root_(root), file_(file) {}

    std::optional<std::string> string(const char* section, const char* key)
    {
        const toml::node* n = find(section, key);
        if (!n)
            return std::nullopt;
        if (const auto* s = n->as_string())
            return s->get();
        fail(section, key, "expected a string, found " + typeName(*n), n);
    }

    // A finite number >= 0 (> 0 when `positive`), written as an integer or a float.
    std::optional<double> number(const char* section, const char* key, bool positive = false)
    {
        const toml::node* n = find(section, key);
        if (!n)
            return std::nullopt;
        const std::string expected = positive ? "expected a positive number" : "expected a non-negative number";
        double v = 0;
        if (const auto* i = n->as_integer())
            v = static_cast<double>(i->get());
        else if (const auto* f = n->as_floating_point())
            v = f->get();
        else
            fail(section, key, expected + ", found " + typeName(*n), n);
        if (!std::isfinite(v) || v < 0 || (positive && v == 0))
            fail(section, key, expected + ", found " + formatNumber(v), n);
        return v;
    }

    std::optional<int> positiveInt(const char* section, const char* key)
    {
        const toml::node* n = find(section, key);
        if (!n)
            return std::nullopt;
        const auto* i = n->as_integer();
        if (!i)
            fail(section, key, "expected a positive integer, found " + typeName(*n), n);
        const std::int64_t v = i->get();
        if (v <= 0 || v > INT_MAX)
            fail(section, key, "expected a positive integer up to " + std::to_string(INT_MAX) + ", found "
                                   + std::to_string(v), n);
        return static_cast<int>(v);
    }

    [[noreturn]] void missing(const char* section, const char* key) const
    {
        throw ModelError(file_, "missing key [" + std::string(section) + "] " + key);
    }

private:
    // The value at [section] key, or nullptr when either is absent.
    const toml::node* find(const char* section, const char* key) const
    {
        const toml::node* s = root_.get(section);
        if (!s)
            return nullptr;
        const toml::table* table = s->as_table();
        if (!table)
            throw ModelError(file_, "key [" + std::string(section) + "]: expected a table, found " + typeName(*s)
                                        + lineSuffix(*s));
        return table->get(key);
    }

    [[noreturn]] void fail(const char* section, const char* key, const std::string& why, const toml::node* at) const
    {
        throw ModelError(file_, "key [" + std::string(section) + "] " + key + ": " + why + lineSuffix(*at));
    }

    static std::string lineSuffix(const toml::node& n)
    {
        const auto line = n.source().begin.line;
        return line > 0 ? " (line " + std::to_string(line) + ")" : std::string();
    }

    const toml::table& root_;
    const std::string& file_;
};

Platform parse(const std::string& text, const std::string& file)
{
    checkTomlCharacters(text, file); // before toml++, which has undefined behaviour on some of them
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw ModelError(file, "TOML syntax error at line " + std::to_string(at.line) + ", column "
                                   + std::to_string(at.column) + ": " + std::string(e.description()));
    }

    Reader r(root, file);
    Platform p;
    auto required = [&r](std::optional<double> v, const char* section, const char* key) {
        if (!v)
            r.missing(section, key);
        return *v;
    };

    const std::optional<std::string> name = r.string("device", "name");
    if (!name)
        r.missing("device", "name");
    if (name->empty())
        throw ModelError(file, "key [device] name: expected a non-empty string");
    p.name = *name;
    p.part = r.string("device", "part").value_or("");
    p.board = r.string("device", "board").value_or("");

    p.resources.dsp = required(r.number("resources", "DSP"), "resources", "DSP");
    p.resources.bram18 = required(r.number("resources", "BRAM"), "resources", "BRAM");
    p.resources.ff = required(r.number("resources", "FF"), "resources", "FF");
    p.resources.lut = required(r.number("resources", "LUT"), "resources", "LUT");
    p.resources.uram = r.number("resources", "URAM").value_or(0.0);

    // A zero clock would make every throughput infinite, so it must be positive.
    p.frequencyMhz = required(r.number("system", "board_frequency", true), "system", "board_frequency");
    p.memoryBandwidthGbps = r.number("system", "memory_bandwidth").value_or(0.0);
    p.reconfigurationTimeS = r.number("system", "reconfiguration_time").value_or(0.0);
    p.portWidth = r.positiveInt("system", "port_width").value_or(64);
    return p;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// "boards/x.toml", "./x", "x.toml": meant as a file, so a missing one is a file error rather
// than an unknown bundled name.
bool looksLikePath(const std::string& s)
{
    return s.find('/') != std::string::npos || fs::path(s).extension() == ".toml";
}

} // namespace

Platform loadPlatformFromString(const std::string& toml, const std::string& fileNameForErrors)
{
    return parse(toml, fileNameForErrors);
}

Platform loadPlatform(const fs::path& file)
{
    const std::string name = file.string();
    std::error_code ec;
    if (fs::is_directory(file, ec))
        throw ModelError(name, "is a folder, not a platform file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ModelError(name, std::string("cannot open file: ") + std::strerror(errno));
    const std::uintmax_t size = fs::file_size(file, ec);
    if (!ec && size > kMaxFileBytes)
        throw ModelError(name, "the file is " + std::to_string(size) + " bytes, too large for a platform file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw ModelError(name, "read error");
    Platform p = parse(text.str(), name);
    p.file = file;
    return p;
}

std::vector<fs::path> platformSearchPath()
{
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("FOLDWISE_PLATFORMS_DIR"); env && *env)
        candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        candidates.push_back(exe.parent_path() / ".." / "share" / "foldwise" / "platforms");
#ifdef FOLDWISE_SOURCE_PLATFORMS_DIR
    candidates.emplace_back(FOLDWISE_SOURCE_PLATFORMS_DIR);
#endif

    // Only folders that exist, each once (an install prefix may resolve to the source tree).
    std::vector<fs::path> dirs;
    for (const fs::path& c : candidates) {
        if (!fs::is_directory(c, ec))
            continue;
        const fs::path canonical = fs::weakly_canonical(c, ec);
        const fs::path dir = ec ? c.lexically_normal() : canonical;
        if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end())
            dirs.push_back(dir);
    }
    return dirs;
}

std::vector<std::string> bundledPlatformNames()
{
    std::vector<std::string> names;
    for (const fs::path& dir : platformSearchPath()) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code typeError;
            if (it->path().extension() == ".toml" && it->is_regular_file(typeError))
                names.push_back(it->path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

Platform findPlatform(const std::string& nameOrFile)
{
    std::error_code ec;
    if (!nameOrFile.empty() && (fs::is_regular_file(nameOrFile, ec) || looksLikePath(nameOrFile)))
        return loadPlatform(nameOrFile);
    if (!nameOrFile.empty())
        for (const fs::path& dir : platformSearchPath()) {
            const fs::path candidate = dir / (nameOrFile + ".toml");
            if (fs::is_regular_file(candidate, ec))
                return loadPlatform(candidate);
        }

    const std::vector<std::string> names = bundledPlatformNames();
    const std::string what = nameOrFile.empty() ? "no platform given" : "unknown platform '" + nameOrFile + "'";
    if (names.empty())
        throw ModelError("", what + "; no bundled platforms were found (set FOLDWISE_PLATFORMS_DIR to a folder "
                                    "of platform .toml files, or give the path of one)");
    throw ModelError("", what + "; bundled platforms: " + joined(names)
                             + " (or give the path of a platform .toml file)");
}

} // namespace foldwise
