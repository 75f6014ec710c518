#pragma once

#include "ops/OperationContext.h"

#include <cstddef>
#include <string>

namespace foldwise::cli {

// An operation's reports on a terminal: results on stdout as given, notes and warnings on
// stderr, progress on stderr as one updating line on a terminal or a line per tenth otherwise.
// Ctrl-C while it is installed (ScopedInterrupt) cancels the operation.
class CliContext : public ops::OperationContext {
public:
    explicit CliContext(std::string name);
    CliContext(const CliContext&) = delete;
    CliContext& operator=(const CliContext&) = delete;

    void result(const std::string& text) override;
    void note(const std::string& line) override;
    void warning(const std::string& line) override;
    void progress(std::size_t done, std::size_t total, const char* unit) override;

private:
    const std::string name_;
    const bool terminal_;
    std::size_t lastTenth_ = 0;
};

// Routes SIGINT to a context's cancel flag for its lifetime (restoring the old handler after).
class ScopedInterrupt {
public:
    explicit ScopedInterrupt(ops::OperationContext& context);
    ~ScopedInterrupt();
    ScopedInterrupt(const ScopedInterrupt&) = delete;
    ScopedInterrupt& operator=(const ScopedInterrupt&) = delete;

private:
    void (*previous_)(int);
};

} // namespace foldwise::cli
