// Replays fuzz inputs without libFuzzer: calls the harness's LLVMFuzzerTestOneInput on every
// file of the folders (or files) given, so any compiler (GCC, the asan preset) runs the corpora
// and the crashers found as regression tests. A crash or sanitizer report fails the test as it
// would fail the fuzzer; the input being replayed is printed first so the log names it.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputsUnder(const std::filesystem::path& root)
{
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_regular_file(root)) {
        files.push_back(root);
        return files;
    }
    for (auto it = std::filesystem::recursive_directory_iterator(root); it != std::filesystem::recursive_directory_iterator();
         ++it) {
        const std::string name = it->path().filename().string();
        // .gitkeep and README.md keep an empty regressions folder in git; they are no inputs.
        if (it->is_regular_file() && name.front() != '.' && name != "README.md")
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end()); // a stable order, so a failure reproduces
    return files;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path root = argv[i];
        if (!std::filesystem::exists(root)) {
            std::fprintf(stderr, "%s: no such file or folder\n", root.c_str());
            return 2;
        }
        const auto start = std::chrono::steady_clock::now();
        const std::vector<std::filesystem::path> files = inputsUnder(root);
        for (const std::filesystem::path& file : files) {
            std::fprintf(stderr, "replaying %s\n", file.c_str());
            std::ifstream in(file, std::ios::binary);
            const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            // Like libFuzzer, hand over a buffer of exactly the input's size (no terminator), so
            // ASan catches a read past its end.
            std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
            LLVMFuzzerTestOneInput(data.data(), data.size());
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "%s: %zu inputs replayed in %.2f s\n", root.c_str(), files.size(), seconds);
    }
    return 0;
}
