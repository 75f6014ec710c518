// FINN's folding_config.json, as `foldwise-cli evaluate MODEL --style finn --design
// folding_config.json` applies it to the FINN design of the bundled example model, then
// estimates the folded design.
#include "FuzzSupport.h"

#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FoldingConfig.h"
#include "model/Model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const finn::FinnDesign base = [] {
        const auto model = Model::load(fuzz::sourceFile("resources/example/digits_cnn.onnx"));
        return finn::FinnDesign(finn::convertToFinn(*model));
    }();
    const auto file = fuzz::writeScratchFile("folding_config.json", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        finn::FinnDesign design = base; // a successful read changes the design: start afresh
        finn::readFoldingConfig(design, file);
        design.networkEstimate();
    });
}
