// Writes the seeded reference models resnet18.onnx, mobilenet_v2.onnx and cnv.onnx into the folder
// given as the only argument. Run by the build (tests/models/CMakeLists.txt); the output is a
// pure function of the seed, byte for byte.
#include "ExportGraph.h"
#include "Topologies.h"

#include <exception>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " OUTPUT_FOLDER\n";
        return 2;
    }
    try {
        const std::filesystem::path folder(argv[1]);
        std::filesystem::create_directories(folder);
        constexpr std::uint64_t seed = 0;
        models::writeModel(models::resnet18(seed), (folder / "resnet18.onnx").string());
        models::writeModel(models::mobilenetV2(seed), (folder / "mobilenet_v2.onnx").string());
        models::writeModel(models::cnv(seed), (folder / "cnv.onnx").string());
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << '\n';
        return 1;
    }
    return 0;
}
