#include "cli/CliContext.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string_view>
#include <unistd.h>

namespace foldwise::cli {
namespace {

std::atomic<std::atomic<bool>*> interruptFlag{nullptr};

extern "C" void onOperationInterrupt(int)
{
    if (std::atomic<bool>* flag = interruptFlag.load())
        flag->store(true);
}

} // namespace

CliContext::CliContext(std::string name)
    : name_(std::move(name))
    , terminal_(::isatty(STDERR_FILENO) != 0)
{
}

void CliContext::result(const std::string& text)
{
    std::cout << text << std::flush;
}

void CliContext::note(const std::string& line)
{
    std::cerr << "note: " << line << '\n';
}

void CliContext::warning(const std::string& line)
{
    std::cerr << "foldwise-cli: warning: " << line << '\n';
}

void CliContext::progress(std::size_t done, std::size_t total, const char* unit)
{
    if (total == 0)
        return;
    // In a log file, only calibration items, which are what takes long (profiles, sweeps,
    // pruning and inducing measure on them); a terminal shows every operation's progress.
    if (!terminal_ && std::string_view(unit) != "items")
        return;
    if (terminal_) {
        std::fprintf(stderr, "\r%s: %zu/%zu %s", name_.c_str(), done, total, unit);
        if (done >= total)
            std::fputc('\n', stderr);
        return;
    }
    const std::size_t tenth = done * 10 / total;
    if (tenth > lastTenth_ || done >= total) {
        std::fprintf(stderr, "%s: %zu/%zu %s\n", name_.c_str(), done, total, unit);
        lastTenth_ = tenth;
    }
}

ScopedInterrupt::ScopedInterrupt(ops::OperationContext& context)
{
    interruptFlag.store(context.cancelFlag());
    previous_ = std::signal(SIGINT, onOperationInterrupt);
}

ScopedInterrupt::~ScopedInterrupt()
{
    std::signal(SIGINT, previous_);
    interruptFlag.store(nullptr);
}

} // namespace foldwise::cli
