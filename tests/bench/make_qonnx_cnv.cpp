// Writes the Brevitas-style CNV QONNX export of tests/support/QonnxFixtures.h, for benchmarks
// and for trying the CLI on a quantised network of real size.
//   make_qonnx_cnv WEIGHT_BITS ACT_BITS OUT.onnx [SEED]   (bits 0: the float network)
#include "OnnxFixtures.h"
#include "QonnxFixtures.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: make_qonnx_cnv WEIGHT_BITS ACT_BITS OUT.onnx [SEED]\n");
        return 2;
    }
    const int weightBits = std::atoi(argv[1]), actBits = std::atoi(argv[2]);
    if (weightBits < 0 || weightBits > 16 || actBits < 0 || actBits > 16) {
        std::fprintf(stderr, "make_qonnx_cnv: bit widths are 0 (float) to 16\n");
        return 2;
    }
    const auto seed = static_cast<uint32_t>(argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 1);
    fixtures::save(fixtures::makeQonnxCnv(weightBits, actBits, seed), argv[3]);
    return 0;
}
