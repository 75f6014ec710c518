// ReLU thresholds JSON (`profile --thresholds`, a sweep iteration's thresholds.json): read, then
// checked against the bundled example model as the profiler does before it runs.
#include "FuzzSupport.h"

#include "profile/ReluThresholds.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const auto model = Model::load(fuzz::sourceFile("resources/example/digits_cnn.onnx"));
    const auto file = fuzz::writeScratchFile("thresholds.json", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        checkReluThresholds(*model, readReluThresholds(file));
    });
}
