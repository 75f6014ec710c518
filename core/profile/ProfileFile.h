#pragma once

#include "profile/ActivationProfile.h"

#include <cstddef>
#include <filesystem>

namespace foldwise {

// Activation profiles on disk: one JSON document (format described in PROFILE_FORMAT.md)
// and, when the count arrays are large, a binary side-car `<file>.bin` holding them as
// little-endian int64 arrays that the JSON references by offset and length.

struct ProfileWriteOptions {
    // Arrays go to the side-car when they hold more values than this in total.
    std::size_t inlineValueLimit = 1 << 16;
};

inline constexpr int kProfileFormatVersion = 1;

// Writes atomically (side-car first, then the JSON, each through a temporary file and a
// rename). A stale side-car of an earlier write is removed when the new file needs none.
// Throws ModelError for I/O errors.
void writeProfile(const std::filesystem::path& file, const ActivationProfile& profile,
                  const ProfileWriteOptions& options = {});

// Reads and validates a profile: the format and version, every field's type and range, the
// side-car's size and SHA-256, and the consistency of the counts (channel zeros adding up to
// the zeros, every window row adding up to the windows counted, histogram totals). Throws
// ModelError(file, reason) naming the offending field.
ActivationProfile readProfile(const std::filesystem::path& file);

} // namespace foldwise
