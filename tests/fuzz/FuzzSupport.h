#pragma once

// What the harnesses of tests/fuzz share: where a fuzz input becomes a file (readers take
// paths, as the CLI hands them over), how one input carries several files, and which
// exceptions count as a clean rejection.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace foldwise::fuzz {

// The input as text (readers see the same bytes as a file's content).
std::string_view asText(const std::uint8_t* data, std::size_t size);

// A folder of this process's own under the temporary folder ($TMPDIR or /tmp), created on first
// use and removed at exit. Harnesses reuse the same names in it for every input.
const std::filesystem::path& scratchDir();

// Writes `bytes` to scratchDir()/name (sub-folders created) and returns the path.
std::filesystem::path writeScratchFile(const std::string& name, std::string_view bytes);

// Empties `dir` (under scratchDir()) and returns it, created: a fresh folder per input.
std::filesystem::path freshScratchFolder(const std::string& name);

// Inputs made of several files are split at this line (it is in the dictionaries, so the
// fuzzer can insert it): part 0 before the first separator, and so on. Fewer separators than
// parts leave the last parts absent (a missing file), more put the rest into the last part.
inline constexpr std::string_view kPartSeparator = "\n=====FOLDWISE-PART=====\n";
std::vector<std::string_view> splitParts(std::string_view input, std::size_t parts);
// The inverse, for seed makers: the parts joined by kPartSeparator.
std::string joinParts(const std::vector<std::string>& parts);
// Inputs that are a fixed set of files: empties the folder `folder` (under scratchDir()), writes
// part i of `input` into it as names[i] (sub-folders created; absent parts are missing files)
// and returns it.
std::filesystem::path writePartsAsFiles(const std::string& folder, std::string_view input,
                                        const std::vector<std::string>& names);

// Inputs that are a small folder tree: parts alternate file name and content (name 0, content
// 0, name 1, ...; at most `maxFiles` files). Each file is written under `root`; a name that is
// empty, absolute, has a ".." component or a NUL is skipped, so nothing leaves `root`.
void writeFileTree(const std::filesystem::path& root, std::string_view input, std::size_t maxFiles);
// The inverse, for seed makers: {name, content} pairs as one input.
std::string joinFileTree(const std::vector<std::pair<std::string, std::string>>& files);

// A source-tree file (tests/data, resources), by path relative to the source folder.
std::filesystem::path sourceFile(const std::string& relative);

// How a harness treats exceptions out of the reader it calls. ModelError is the documented
// error every reader throws for a bad file, and what the CLI prints as one line naming the file.
enum class Accept {
    // Only ModelError is a clean rejection; any other exception is a finding (a reader that lets
    // std::out_of_range or a raw library message through, instead of naming the file).
    ModelErrorOnly,
    // Any std::exception is accepted, as the CLI prints every one on one line (main.cpp catches
    // std::exception): for a reader whose messages are being reworked (the JSON readers were,
    // before their reading layer). FOLDWISE_FUZZ_STRICT=1 makes it ModelErrorOnly too.
    AnyStdException,
};

// Runs `body` and applies `accept`: a rejected exception aborts with its type and message, so
// libFuzzer (and the replay driver) report the input as a crash. Exceptions that are no
// std::exception always escape (std::terminate), as they would crash the CLI.
template <class Body>
int guarded(Accept accept, Body&& body);

[[noreturn]] void rejectException(const std::exception& e);
bool strictFromEnvironment();
// FOLDWISE_FUZZ_VERBOSE=1: print each accepted error (to see how far seeds get).
void noteAccepted(const std::exception& e);

} // namespace foldwise::fuzz

#include "model/ModelError.h"

template <class Body>
int foldwise::fuzz::guarded(Accept accept, Body&& body)
{
    try {
        body();
    } catch (const ModelError& e) {
        noteAccepted(e); // the documented, clean error
    } catch (const std::exception& e) {
        if (accept == Accept::ModelErrorOnly || strictFromEnvironment())
            rejectException(e);
        noteAccepted(e);
    }
    return 0;
}
