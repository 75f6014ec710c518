#include "data/NpyFile.h"

#include "data/InputFile.h"
#include "io/AtomicFileWriter.h"
#include "model/ModelError.h"
#include "model/Shape.h"

#include <algorithm>
#include <array>
#include <vector>

namespace foldwise {
namespace {

NpyHeader readHeader(const InputFile& file)
{
    const std::string name = file.path().string();
    std::array<std::byte, kNpyPreambleBytes> preamble{};
    const std::size_t got = file.readAt(0, preamble.data(), preamble.size());
    const std::size_t headerSize = npyHeaderSize(std::span(preamble.data(), got), file.size(), name);
    std::vector<std::byte> header(headerSize);
    file.readExactlyAt(0, header.data(), header.size(), ".npy header");
    NpyHeader h = parseNpyHeader(header, name);
    const std::uint64_t available = file.size() - h.dataOffset;
    if (available < h.dataBytes)
        throw ModelError(name, "data is shorter than the shape needs: " + std::string(dataTypeName(h.type)) + " "
                                   + Shape::fromValues(h.dims).toString() + " needs " + std::to_string(h.dataBytes)
                                   + " bytes, the file has " + std::to_string(available) + " after the header");
    return h;
}

} // namespace

NpyHeader readNpyHeader(const std::filesystem::path& path)
{
    const InputFile file(path);
    return readHeader(file);
}

HostTensor readNpy(const std::filesystem::path& path)
{
    const InputFile file(path);
    const NpyHeader h = readHeader(file);
    HostTensor tensor = HostTensor::allocate(h.type, h.dims);
    file.readExactlyAt(h.dataOffset, tensor.mutableBytes(), h.dataBytes, ".npy data");
    return tensor;
}

void writeNpy(const std::filesystem::path& path, const HostTensor& tensor)
{
    if (npyDescr(tensor.type()).empty())
        throw ModelError(path.string(), "cannot write a " + std::string(dataTypeName(tensor.type()))
                                            + " tensor as .npy (numeric and bool types only)");
    const std::string header = formatNpyHeader(tensor.type(), tensor.dims());
    AtomicFileWriter out(path);
    out.write(header.data(), header.size());
    out.write(tensor.bytes(), tensor.byteSize());
    out.commit();
}

} // namespace foldwise
