// Label files (`--labels`): a CSV of file,label lines or an .npy of integers, chosen by the
// extension as LabelTable::load does; an input starting with the .npy magic is written as .npy.
#include "FuzzSupport.h"

#include "data/LabelTable.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const std::string_view text = fuzz::asText(data, size);
    const bool npy = text.starts_with("\x93NUMPY");
    const auto file = fuzz::writeScratchFile(npy ? "labels.npy" : "labels.csv", text);
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        const LabelTable labels = LabelTable::load(file);
        // Lookups as a calibration source makes them: by index and by item path.
        labels.lookup(0, "a.png");
        labels.lookup(1, "sub/b.png");
        labels.describe();
    });
}
