#pragma once

#include <filesystem>
#include <string>

namespace foldwise {

// Why a file could not be created or replaced in `folder`, in words a user can act on
// ("the folder 'out' is not writable (Permission denied)", "no space left on the device")
// rather than errno's bare text. `error` is an errno value.
std::string writeFailure(int error, const std::filesystem::path& folder);

// Creates `dir` and its parents when missing. Throws ModelError(dir, reason) otherwise,
// with writeFailure's words (never std::filesystem's raw "filesystem error: ...").
void createFolder(const std::filesystem::path& dir);

} // namespace foldwise
