// Activation profiles (`merge`, `optimise --profile`, ...): readProfile on profile.json and its
// binary side-car profile.json.bin. The input is the JSON, then (after the part separator) the
// side-car's bytes. The JSON may say @BYTES@ and @SHA256@ where the side-car's size and hash
// belong: the harness fills them in, so mutated side-cars get past the integrity check to the
// code that reads their counts.
#include "FuzzSupport.h"

#include "profile/ProfileFile.h"
#include "profile/Sha256.h"

namespace {

void replaceAll(std::string& text, std::string_view from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto parts = fuzz::splitParts(fuzz::asText(data, size), 2);
    std::string json(parts[0]);
    const auto sideCar = fuzz::scratchDir() / "profile.json.bin";
    std::filesystem::remove(sideCar);
    if (parts.size() > 1) {
        fuzz::writeScratchFile("profile.json.bin", parts[1]);
        Sha256 hash;
        hash.update(std::string(parts[1]));
        replaceAll(json, "@BYTES@", std::to_string(parts[1].size()));
        replaceAll(json, "@SHA256@", hash.finishHex());
    }
    const auto file = fuzz::writeScratchFile("profile.json", json);
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { readProfile(file); });
}
