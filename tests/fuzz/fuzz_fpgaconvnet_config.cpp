// fpgaConvNet's config.json, as `foldwise-cli evaluate MODEL --design config.json --platform
// zcu102` reads it (layers matched by name or structure) and evaluates it, on the small model the
// seeds were made for (tests/data/fpgaconvnet/single_layer.onnx: convolution, pad, max pool; its
// config.json is 2 KB where the example model's is 35 KB, which fuzzes much better).
#include "FuzzSupport.h"

#include "hw/Platform.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "model/Model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const auto model = Model::load(fuzz::sourceFile("tests/data/fpgaconvnet/single_layer.onnx"));
    static const Platform platform = loadPlatform(fuzz::sourceFile("resources/platforms/zcu102.toml"));
    const auto file = fuzz::writeScratchFile("config.json", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        const fpgaconvnet::Evaluator evaluator(fpgaconvnet::readDesign(file, *model, nullptr, platform));
        evaluator.estimate();
    });
}
