#pragma once

#include "model/DataType.h"
#include "model/Shape.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
}

namespace foldwise {

class MappedFile;

using TensorId = int32_t;
using NodeId = int32_t;
inline constexpr int32_t kNoId = -1;

enum class TensorRole { GraphInput, Initializer, Intermediate };

// A value flowing through the graph: its type, shape and where it comes from and goes to.
struct Tensor {
    std::string name;
    TensorRole role = TensorRole::Intermediate;
    DataType type = DataType::Undefined;
    Shape shape;
    bool hasShape = false;        // false when not even the rank is known
    NodeId producer = kNoId;      // kNoId for graph inputs and initializers
    std::vector<NodeId> consumers;
    bool isGraphOutput = false;
    int32_t initializer = kNoId;  // index into Graph::initializers() when role is Initializer
};

// Constant data of an initializer or of a Constant node's value. Bytes are viewed in place
// (protobuf raw_data, the typed repeated field, or a memory-mapped external file) and only
// converted into a private buffer when ONNX stores them widened (int8 in int32_data, ...).
class ConstantData {
public:
    ConstantData() = default;
    ConstantData(const onnx::TensorProto* proto, std::shared_ptr<const MappedFile> external,
                 std::size_t externalOffset);
    // A constant Foldwise computed itself (a quantised weight folded at load); owns its bytes.
    static ConstantData owned(DataType type, std::vector<int64_t> dims, std::vector<std::byte> bytes);
    bool isOwned() const { return proto_ == nullptr && converted_ != nullptr; }
    // The same data read with other dims of the same element count (a folded Reshape): shares
    // the bytes, whatever their size.
    ConstantData reshapedTo(std::vector<int64_t> dims) const;

    DataType type() const { return type_; }
    const std::vector<int64_t>& dims() const { return dims_; }
    int64_t elementCount() const { return elementCount_; }
    bool isExternal() const { return external_ != nullptr; }

    // Little-endian element bytes, elementCount()*dataTypeSize(type()) long; empty for strings.
    std::span<const std::byte> bytes() const;

    // Values converted to double (for small constants: scalars, Clip bounds, shapes).
    std::vector<double> toDoubles() const;
    // Values as float (float data copied as it is, other numeric types converted: QONNX
    // exporters store scales and zero points as double or int64 too); nullopt for data that is
    // not numeric or not whole.
    std::optional<std::vector<float>> toFloats() const;

    // Validates the stored data size against the dims; returns an error text or "".
    std::string checkSize() const;

private:
    const onnx::TensorProto* proto_ = nullptr;
    DataType type_ = DataType::Undefined;
    std::vector<int64_t> dims_;
    int64_t elementCount_ = 0;
    std::shared_ptr<const MappedFile> external_;
    std::size_t externalOffset_ = 0;
    // Widened storage converted on first use; once_flag keeps bytes() safe across threads.
    mutable std::shared_ptr<std::once_flag> convertOnce_ = std::make_shared<std::once_flag>();
    mutable std::shared_ptr<std::vector<std::byte>> converted_;
};

struct Initializer {
    std::string name;
    ConstantData data;
};

} // namespace foldwise
