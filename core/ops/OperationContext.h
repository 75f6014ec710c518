#pragma once

// What an operation (ops/Operation.h) tells its front end while it runs, and how the front end
// stops it: one type for every operation, whether the CLI prints it, a GUI task shows it, or a
// batch job records it.

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace foldwise::ops {

// Thrown by an operation that noticed the cancel request and stops without a result; what()
// says what was (not) written. Operations that can hand back a partial result (an optimiser's
// best design so far, a sweep's finished iterations) return it marked interrupted instead.
class OperationCancelled : public std::runtime_error {
public:
    explicit OperationCancelled(const std::string& what) : std::runtime_error(what) {}
};

class OperationContext {
public:
    OperationContext() = default;
    // Cancellation through a flag the front end already has (a GUI task's).
    explicit OperationContext(std::atomic<bool>& sharedCancelFlag) : cancel_(&sharedCancelFlag) {}
    virtual ~OperationContext() = default;
    OperationContext(const OperationContext&) = delete;
    OperationContext& operator=(const OperationContext&) = delete;

    // The operation's result as text: a table, a summary line (the CLI prints it on stdout
    // as given, so it carries its own line ends; the GUI shows it in the task's log).
    virtual void result(const std::string& text) = 0;
    // Something the user should know that does not stop the operation (one line, no prefix).
    virtual void note(const std::string& line) = 0;
    // Something that makes the result doubtful, such as a design that does not fit.
    virtual void warning(const std::string& line) = 0;
    // How far the operation is: `done` of `total` units ("items", "moves"); total 0 when the
    // length is not known. Called from the operation's thread, possibly often.
    virtual void progress(std::size_t done, std::size_t total, const char* unit) = 0;

    // Cancellation, from any thread: the operation stops at its next check.
    void cancel() { cancel_->store(true); }
    bool cancelled() const { return cancel_->load(); }
    // For engine calls that poll a flag themselves (the profiler, the sweep).
    std::atomic<bool>* cancelFlag() { return cancel_; }

private:
    std::atomic<bool> ownCancel_{false};
    std::atomic<bool>* cancel_ = &ownCancel_;
};

// A context that keeps everything: for tests, replays and batch jobs.
class RecordingContext : public OperationContext {
public:
    void result(const std::string& text) override { resultText += text; }
    void note(const std::string& line) override { notes.push_back(line); }
    void warning(const std::string& line) override { warnings.push_back(line); }
    void progress(std::size_t done, std::size_t total, const char*) override
    {
        lastDone = done;
        lastTotal = total;
    }

    std::string resultText;
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
    std::size_t lastDone = 0;
    std::size_t lastTotal = 0;
};

} // namespace foldwise::ops
