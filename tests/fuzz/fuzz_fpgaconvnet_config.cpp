// fpgaConvNet's config.json, as `foldwise-cli evaluate MODEL --design config.json --platform
// zcu102` reads it (layers matched by name or structure) and evaluates it, on the bundled example
// model the seeds were made for.
#include "FuzzSupport.h"

#include "hw/Platform.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "model/Model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const auto model = Model::load(fuzz::sourceFile("resources/example/digits_cnn.onnx"));
    static const Platform platform = loadPlatform(fuzz::sourceFile("resources/platforms/zcu102.toml"));
    const auto file = fuzz::writeScratchFile("config.json", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::AnyStdException, [&] {
        const fpgaconvnet::Evaluator evaluator(fpgaconvnet::readDesign(file, *model, nullptr, platform));
        evaluator.estimate();
    });
}
