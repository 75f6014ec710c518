// Foldwise's design.json, as `foldwise-cli evaluate MODEL --design design.json` reads it (no
// --platform: the design's own platform figures are used) and evaluates it, on the bundled
// example model the seeds were made for (the file's model hash must match it).
#include "FuzzSupport.h"

#include "hw/fpgaconvnet/DesignFile.h"
#include "model/Model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const auto model = Model::load(fuzz::sourceFile("resources/example/digits_cnn.onnx"));
    const auto file = fuzz::writeScratchFile("design.json", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        const fpgaconvnet::Evaluator evaluator(fpgaconvnet::readDesign(file, *model, nullptr, std::nullopt));
        evaluator.estimate();
    });
}
