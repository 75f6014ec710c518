#pragma once

#include "profile/ActivationProfile.h"

#include <cstddef>
#include <filesystem>

namespace foldwise {

// Activation profiles on disk: one JSON document (format described in PROFILE_FORMAT.md)
// and, when the count arrays are large, a binary side-car `<file>.<hash>.bin` holding them as
// little-endian int64 arrays that the JSON references by offset and length.

struct ProfileWriteOptions {
    // Arrays go to the side-car when they hold more values than this in total.
    std::size_t inlineValueLimit = 1 << 16;
};

inline constexpr int kProfileFormatVersion = 1;

// Writes the pair as one: the side-car under a name of its own (its content's hash), then the
// JSON naming it (each through a temporary file and a rename), then removes the side-cars the
// old JSON or killed writers left. A reader sees the old pair or the new one, and so does the
// next reader after a writer killed at any point. Throws ModelError for I/O errors.
void writeProfile(const std::filesystem::path& file, const ActivationProfile& profile,
                  const ProfileWriteOptions& options = {});

// Reads and validates a profile: the format and version, every field's type and range, the
// side-car's size and SHA-256 (whatever side-car the JSON names, `<file>.bin` of older
// profiles too), and the consistency of the counts (channel zeros adding up to the zeros, every
// window row adding up to the windows counted, histogram totals). A profile replaced while it
// is read is read again. Throws ModelError(file, reason) naming the offending field.
ActivationProfile readProfile(const std::filesystem::path& file);

} // namespace foldwise
