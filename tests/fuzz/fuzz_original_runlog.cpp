// Run logs of the original ReLU-threshold scripts (`foldwise-cli runlog import`): the input is
// a small folder tree (file name, content, file name, content, ... split at the part separator,
// see FuzzSupport.h), imported from its runlog/net folder as importOriginalRunLog does (the
// accuracy CSV, per-iteration folders with sparsity logs, relu_thresholds/ JSONs).
#include "FuzzSupport.h"

#include "sweep/OriginalRunLogImport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto root = fuzz::freshScratchFolder("scripts");
    fuzz::writeFileTree(root, fuzz::asText(data, size), 6);
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        importOriginalRunLog(root / "runlog" / "net");
    });
}
