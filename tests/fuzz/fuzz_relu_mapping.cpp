// The induced-ReLU mapping file (`foldwise-cli induce --mapping`): read, then resolved against
// the bundled example model with one prototype per inducer, as the pass does before it runs.
#include "FuzzSupport.h"

#include "passes/InducedReluMapping.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const auto model = Model::load(fuzz::sourceFile("resources/example/digits_cnn.onnx"));
    const auto file = fuzz::writeScratchFile("mapping.json", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        const passes::InducedReluMapping mapping = passes::readInducedReluMapping(file);
        passes::planInducedRelus(*model, mapping, std::vector<int64_t>(mapping.inducers.size(), 1));
    });
}
