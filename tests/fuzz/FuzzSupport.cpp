#include "FuzzSupport.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <typeinfo>
#include <unistd.h>

#ifndef FOLDWISE_SOURCE_DIR
#error "FOLDWISE_SOURCE_DIR must name the source folder (set by tests/fuzz/CMakeLists.txt)"
#endif

namespace foldwise::fuzz {
namespace {

// Never destroyed: the exit handler below runs after function-local statics are destroyed.
const std::filesystem::path* scratch = nullptr;

void removeScratchDir()
{
    std::error_code ec;
    std::filesystem::remove_all(*scratch, ec);
}

// Folders of earlier harness processes that died (a crash skips the exit handler): removed, so
// fuzzing and replaying crashers does not fill the temporary folder.
void removeStaleScratchDirs(const std::filesystem::path& base)
{
    constexpr std::string_view prefix = "foldwise-fuzz-";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(base, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix) || name.size() == prefix.size()
            || name.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
            continue;
        if (!std::filesystem::exists("/proc/" + name.substr(prefix.size()), ec))
            std::filesystem::remove_all(entry.path(), ec);
    }
}

} // namespace

std::string_view asText(const std::uint8_t* data, std::size_t size)
{
    // Empty inputs may come with a null pointer (the replay driver's empty vector).
    return size == 0 ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(data), size);
}

const std::filesystem::path& scratchDir()
{
    if (!scratch) {
        const char* tmp = std::getenv("TMPDIR");
        const std::filesystem::path base = tmp && *tmp ? tmp : "/tmp";
        removeStaleScratchDirs(base);
        // One folder per process: several fuzzers (and -jobs workers) run side by side.
        scratch = new std::filesystem::path(base / ("foldwise-fuzz-" + std::to_string(::getpid())));
        std::filesystem::create_directories(*scratch);
        std::atexit(removeScratchDir);
    }
    return *scratch;
}

std::filesystem::path writeScratchFile(const std::string& name, std::string_view bytes)
{
    const std::filesystem::path path = scratchDir() / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
        std::fprintf(stderr, "fuzz harness: cannot write %s\n", path.c_str());
        std::abort();
    }
    return path;
}

std::filesystem::path freshScratchFolder(const std::string& name)
{
    const std::filesystem::path dir = scratchDir() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::vector<std::string_view> splitParts(std::string_view input, std::size_t parts)
{
    std::vector<std::string_view> out;
    while (out.size() + 1 < parts) {
        const std::size_t at = input.find(kPartSeparator);
        if (at == std::string_view::npos)
            break;
        out.push_back(input.substr(0, at));
        input.remove_prefix(at + kPartSeparator.size());
    }
    out.push_back(input);
    return out;
}

std::string joinParts(const std::vector<std::string>& parts)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? std::string(kPartSeparator) : std::string()) + parts[i];
    return out;
}

std::filesystem::path writePartsAsFiles(const std::string& folder, std::string_view input,
                                        const std::vector<std::string>& names)
{
    const std::filesystem::path dir = freshScratchFolder(folder);
    const std::vector<std::string_view> parts = splitParts(input, names.size());
    for (std::size_t i = 0; i < parts.size(); ++i)
        writeScratchFile(folder + "/" + names[i], parts[i]);
    return dir;
}

void writeFileTree(const std::filesystem::path& root, std::string_view input, std::size_t maxFiles)
{
    const std::vector<std::string_view> parts = splitParts(input, 2 * maxFiles);
    for (std::size_t i = 0; i + 1 < parts.size(); i += 2) {
        const std::string_view name = parts[i];
        if (name.empty() || name.size() > 200 || name.front() == '/' || name.find('\0') != std::string_view::npos)
            continue;
        const std::filesystem::path relative{std::string(name)};
        bool escapes = false;
        for (const auto& component : relative)
            escapes = escapes || component == "..";
        if (escapes)
            continue;
        const std::filesystem::path file = root / relative;
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec || std::filesystem::is_directory(file, ec))
            continue; // a name that is also a folder, or under a file: not writable, skip it
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(parts[i + 1].data(), static_cast<std::streamsize>(parts[i + 1].size()));
    }
}

std::string joinFileTree(const std::vector<std::pair<std::string, std::string>>& files)
{
    std::vector<std::string> parts;
    for (const auto& [name, content] : files) {
        parts.push_back(name);
        parts.push_back(content);
    }
    return joinParts(parts);
}

std::filesystem::path sourceFile(const std::string& relative)
{
    return std::filesystem::path(FOLDWISE_SOURCE_DIR) / relative;
}

bool strictFromEnvironment()
{
    static const bool strict = [] {
        const char* s = std::getenv("FOLDWISE_FUZZ_STRICT");
        return s && *s && std::string_view(s) != "0";
    }();
    return strict;
}

void noteAccepted(const std::exception& e)
{
    static const bool verbose = [] {
        const char* s = std::getenv("FOLDWISE_FUZZ_VERBOSE");
        return s && *s && std::string_view(s) != "0";
    }();
    if (verbose)
        std::fprintf(stderr, "accepted: %s: %s\n", typeid(e).name(), e.what());
}

void rejectException(const std::exception& e)
{
    std::fprintf(stderr, "fuzz harness: the reader let an exception other than ModelError escape: %s: %s\n",
                 typeid(e).name(), e.what());
    std::abort();
}

} // namespace foldwise::fuzz
