#include "io/CommitPoint.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace foldwise {
namespace {

struct CrashSettings {
    long step = 0; // 0: never
    bool trace = false;
};

CrashSettings readSettings()
{
    CrashSettings s;
    if (const char* step = std::getenv("FOLDWISE_CRASH_AT_STEP")) {
        char* end = nullptr;
        const long n = std::strtol(step, &end, 10);
        if (end != step && *end == '\0' && n > 0)
            s.step = n;
    }
    if (const char* trace = std::getenv("FOLDWISE_CRASH_TRACE"))
        s.trace = std::string_view(trace) == "1";
    return s;
}

const CrashSettings& settings()
{
    static const CrashSettings s = readSettings();
    return s;
}

void reach(const char* what, const std::filesystem::path* path)
{
    static std::atomic<long> counter{0};
    const long n = counter.fetch_add(1, std::memory_order_relaxed) + 1;
    if (settings().trace)
        std::fprintf(stderr, "foldwise: commit point %ld: %s%s%s\n", n, what, path ? " " : "", path ? path->c_str() : "");
    if (settings().step == n) {
        std::fflush(nullptr);
        // SIGKILL, not abort(): no handler, no destructor and no atexit code runs, exactly as
        // when the machine or the user kills the process.
        std::raise(SIGKILL);
    }
}

} // namespace

void commitPoint(const char* what)
{
    reach(what, nullptr);
}

void commitPoint(const char* what, const std::filesystem::path& path)
{
    reach(what, &path);
}

} // namespace foldwise
