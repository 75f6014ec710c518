#pragma once

// What every model pass (core/passes) takes and gives back. A pass reads a loaded Model, never
// changes it, and returns the transformed model as a new ONNX ModelProto (standard ONNX, ready to
// write) together with the same model loaded again in Foldwise, and a JSON report of what it did
// and why it left candidates alone. See core/passes/README.md for the conventions.

#include "model/Model.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise::passes {

// Thrown by a pass whose cancel flag was set; nothing has been written anywhere by then.
class PassCancelled : public std::runtime_error {
public:
    PassCancelled() : std::runtime_error("model pass cancelled") {}
};

// Called with the candidates examined so far and their total; returning false cancels (the pass
// throws PassCancelled), as the GUI's task system and other core APIs expect.
using PassProgress = std::function<bool(std::size_t done, std::size_t total)>;

// How a pass is run: progress and cancellation for long passes.
struct PassContext {
    // Set (from any thread) to stop the pass between two candidates.
    const std::atomic<bool>* cancel = nullptr;
    PassProgress progress;

    // Reports progress; throws PassCancelled when the flag is set or the callback says stop.
    void step(std::size_t done, std::size_t total) const;
};

struct PassResult {
    std::string pass;                              // "fold-bn", "fuse", ...
    std::shared_ptr<const onnx::ModelProto> proto; // the transformed model (external data inlined)
    std::shared_ptr<const Model> model;            // proto loaded again with the source's options
    int changes = 0;                               // rewrites made; 0: the model had nothing to do
    // Pass-specific figures, written by `foldwise-cli <pass> --report`; always holds "pass",
    // "model" (the source file), "changes" and "notes".
    nlohmann::json report;
    std::vector<std::string> notes;                // candidates left alone and why, one line each
};

} // namespace foldwise::passes
