#pragma once

#include <stdexcept>
#include <string>

namespace foldwise {

// The one error type model loading and analysis throw. `what()` is a full one-line message
// that names the file (when there is one) and the problem, ready for a CLI or a dialog.
class ModelError : public std::runtime_error {
public:
    ModelError(const std::string& file, const std::string& reason)
        : std::runtime_error(file.empty() ? reason : file + ": " + reason), file_(file), reason_(reason) {}

    const std::string& file() const { return file_; }
    const std::string& reason() const { return reason_; }

private:
    std::string file_;
    std::string reason_;
};

} // namespace foldwise
