#include "profile/Sha256.h"

#include "model/ModelError.h"

#include <openssl/evp.h>

#include <fstream>
#include <stdexcept>
#include <vector>

namespace foldwise {

struct Sha256::Context {
    EVP_MD_CTX* md = nullptr;
};

Sha256::Sha256() : context_(std::make_unique<Context>())
{
    context_->md = EVP_MD_CTX_new();
    if (!context_->md || EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL cannot start a SHA-256 digest");
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(context_->md);
}

void Sha256::update(std::span<const std::byte> data)
{
    if (!data.empty() && EVP_DigestUpdate(context_->md, data.data(), data.size()) != 1)
        throw std::runtime_error("OpenSSL SHA-256 update failed");
}

void Sha256::update(const std::string& text)
{
    update(std::as_bytes(std::span(text.data(), text.size())));
}

std::string Sha256::finishHex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context_->md, digest, &length) != 1)
        throw std::runtime_error("OpenSSL SHA-256 final failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xf];
    }
    return hex;
}

std::string sha256OfFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ModelError(file.string(), "cannot open the file to compute its SHA-256");
    Sha256 hash;
    std::vector<char> chunk(1 << 20);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        hash.update(std::as_bytes(std::span(chunk.data(), got)));
    }
    if (in.bad())
        throw ModelError(file.string(), "read error while computing its SHA-256");
    return hash.finishHex();
}

} // namespace foldwise
