#pragma once

#include "model/HostTensor.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace foldwise {

class LabelTable;

// An item that could not be read (corrupt, unreadable, wrong shape), with the reason.
struct SkippedItem {
    std::size_t index = 0; // position in the source's order
    std::string id;
    std::string reason;
};

// Calibration items ready for the executor.
struct CalibrationBatch {
    HostTensor inputs;                // float32, dims {items, itemDims...}, e.g. N x C x H x W
    std::vector<int64_t> labels;      // one per item; -1 when unknown
    std::vector<std::string> ids;     // one per item: path relative to the source folder, or index
    std::vector<std::size_t> indices; // one per item: position in the source's order
    std::vector<SkippedItem> skipped; // items that were passed over while filling this batch
    std::size_t missingLabels = 0;    // items without a label although a label table is attached

    std::size_t size() const { return indices.size(); }
    bool empty() const { return indices.empty(); }
};

// An ordered, finite set of calibration inputs (images, array rows, tensor files, synthetic
// data), read item by item so that no set ever has to fit in memory. The order is fixed when
// the source is opened (sorted paths, array order), so every run and every shard sees the same
// items. Reading is const and thread-safe: several threads or shards may share one source.
//
// Implementations provide the item-level virtuals; batching, labels and skip accounting are
// shared here. A bad item never aborts a run: it is skipped and reported with its reason.
class CalibrationSource {
public:
    virtual ~CalibrationSource();

    virtual std::size_t size() const = 0;
    // Dims of one item, without the batch dimension (C, H, W for images).
    virtual std::vector<int64_t> itemDims() const = 0;
    virtual bool synthetic() const { return false; }
    // The item's identifier: its path relative to the source folder, or its index.
    virtual std::string itemId(std::size_t index) const = 0;
    // Decodes item `index` into `out` (product of itemDims() floats). Throws (any
    // std::exception) when the item cannot be read; the batch functions turn that into a skip.
    virtual void readItem(std::size_t index, std::span<float> out) const = 0;

    // Provenance for reports: kind, path and options, and the labels when attached.
    std::string describe() const;

    void attachLabels(std::shared_ptr<const LabelTable> labels);
    const LabelTable* labels() const { return labels_.get(); }
    std::optional<int64_t> label(std::size_t index) const;

    std::size_t itemElementCount() const;

    // Reads the items begin .. begin + count - 1 (clamped to size()); skipped items are left
    // out of the batch and listed in batch.skipped.
    CalibrationBatch readItems(std::size_t begin, std::size_t count) const;

    // Reads items in the order given by `positionOf(k)` for k = 0 .. available - 1 until the
    // batch holds `maxItems` items; returns how many positions it consumed in `consumed`.
    // Shared by readItems and CalibrationReader.
    template <typename PositionOf>
    CalibrationBatch fillBatch(PositionOf positionOf, std::size_t available, std::size_t maxItems,
                               std::size_t& consumed) const;

protected:
    // Kind, path and options, without labels: "images /data/val (500 files, ...)".
    virtual std::string describeItems() const = 0;

private:
    std::shared_ptr<const LabelTable> labels_;

    CalibrationBatch startBatch(std::size_t capacity) const;
    // Reads item `index` into slot batch.size() of `batch`, or records it as skipped.
    void appendItem(CalibrationBatch& batch, std::size_t index) const;
    void finishBatch(CalibrationBatch& batch, std::size_t capacity) const;
};

template <typename PositionOf>
CalibrationBatch CalibrationSource::fillBatch(PositionOf positionOf, std::size_t available, std::size_t maxItems,
                                              std::size_t& consumed) const
{
    const std::size_t capacity = std::min(maxItems, available);
    CalibrationBatch batch = startBatch(capacity);
    consumed = 0;
    while (batch.size() < capacity && consumed < available)
        appendItem(batch, positionOf(consumed++));
    finishBatch(batch, capacity);
    return batch;
}

} // namespace foldwise
