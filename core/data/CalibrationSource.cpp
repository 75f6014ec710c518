#include "data/CalibrationSource.h"

#include "data/LabelTable.h"
#include "model/Shape.h"

#include <cstring>
#include <exception>

namespace foldwise {

CalibrationSource::~CalibrationSource() = default;

std::string CalibrationSource::describe() const
{
    return describeItems() + (labels_ ? "; " + labels_->describe() : std::string());
}

void CalibrationSource::attachLabels(std::shared_ptr<const LabelTable> labels)
{
    labels_ = std::move(labels);
}

std::optional<int64_t> CalibrationSource::label(std::size_t index) const
{
    if (!labels_)
        return std::nullopt;
    return labels_->lookup(index, itemId(index));
}

std::size_t CalibrationSource::itemElementCount() const
{
    return static_cast<std::size_t>(checkedProduct(itemDims()).value_or(0));
}

CalibrationBatch CalibrationSource::readItems(std::size_t begin, std::size_t count) const
{
    const std::size_t available = begin < size() ? std::min(count, size() - begin) : 0;
    std::size_t consumed = 0;
    return fillBatch([begin](std::size_t k) { return begin + k; }, available, available, consumed);
}

CalibrationBatch CalibrationSource::startBatch(std::size_t capacity) const
{
    std::vector<int64_t> dims = itemDims();
    dims.insert(dims.begin(), static_cast<int64_t>(capacity));
    CalibrationBatch batch;
    batch.inputs = HostTensor::allocate(DataType::Float, std::move(dims));
    batch.labels.reserve(capacity);
    batch.ids.reserve(capacity);
    batch.indices.reserve(capacity);
    return batch;
}

void CalibrationSource::appendItem(CalibrationBatch& batch, std::size_t index) const
{
    const std::size_t itemSize = itemElementCount();
    const std::span<float> slot(batch.inputs.mutableData<float>() + batch.size() * itemSize, itemSize);
    std::string id;
    try {
        id = itemId(index);
        readItem(index, slot);
    } catch (const std::exception& e) {
        // One bad item must not end a calibration run: record it and move on.
        batch.skipped.push_back({index, id, e.what()});
        return;
    }
    const std::optional<int64_t> l = label(index);
    if (labels_ && !l)
        ++batch.missingLabels;
    batch.labels.push_back(l.value_or(-1));
    batch.ids.push_back(std::move(id));
    batch.indices.push_back(index);
}

void CalibrationSource::finishBatch(CalibrationBatch& batch, std::size_t capacity) const
{
    if (batch.size() == capacity)
        return;
    // Skips near the end left the batch short: copy the items read into a tensor of their size
    // (rare and small; the common full batch is never copied).
    std::vector<int64_t> dims = itemDims();
    dims.insert(dims.begin(), static_cast<int64_t>(batch.size()));
    HostTensor shorter = HostTensor::allocate(DataType::Float, std::move(dims));
    if (shorter.byteSize())
        std::memcpy(shorter.mutableBytes(), batch.inputs.bytes(), shorter.byteSize());
    batch.inputs = std::move(shorter);
}

} // namespace foldwise
