// ONNX model loading, as `foldwise-cli inspect` does it: Model::load (protobuf parse, graph
// validation, shape inference, constant and quantizer folding) and the per-layer summary.
#include "FuzzSupport.h"

#include "layers/InspectReport.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto file = fuzz::writeScratchFile("model.onnx", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        const auto model = Model::load(file);
        std::ostringstream table;
        writeInspectTable(*model, summariseModel(*model), table);
    });
}
