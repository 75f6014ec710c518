#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

namespace foldwise {

// SHA-256 for provenance: a profile names the exact model bytes it was made from, so profiles
// of different models are never merged. Computed by OpenSSL's libcrypto.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::span<const std::byte> data);
    void update(const std::string& text);
    // Lower-case hex digest; the object must not be updated afterwards.
    std::string finishHex();

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

// Digest of a whole file, read in chunks. Throws ModelError(file, reason) when unreadable.
std::string sha256OfFile(const std::filesystem::path& file);

} // namespace foldwise
