// ONNX TensorProto .pb files, as `foldwise-cli run --input x=file.pb` reads them.
#include "FuzzSupport.h"

#include "data/TensorProtoFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto file = fuzz::writeScratchFile("input.pb", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { readTensorProto(file); });
}
