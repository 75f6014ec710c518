#pragma once

#include "data/CalibrationSource.h"
#include "data/Shard.h"

#include <memory>

namespace foldwise {

// Streams one shard of a calibration source in batches:
//
//     CalibrationReader reader(source, Shard{1, 4});
//     while (!reader.atEnd()) { CalibrationBatch b = reader.next(32); ... }
//
// Each batch holds up to maxItems readable items; items that cannot be read are skipped (the
// batch is filled from the following items instead) and counted with their reasons. Only one
// batch is in memory at a time.
class CalibrationReader {
public:
    // Throws std::invalid_argument for an invalid shard.
    explicit CalibrationReader(std::shared_ptr<const CalibrationSource> source, Shard shard = {});

    const CalibrationSource& source() const { return *source_; }
    const Shard& shard() const { return shard_; }

    // Items in this shard, readable or not.
    std::size_t size() const { return shard_.size(source_->size()); }
    bool atEnd() const { return consumed_ >= size(); }
    // The next batch; empty once atEnd(). maxItems must be positive.
    CalibrationBatch next(std::size_t maxItems);
    // Back to the shard's first item; the counts restart too.
    void rewind();

    std::size_t itemsRead() const { return itemsRead_; }
    std::size_t itemsSkipped() const { return skipped_.size(); }
    const std::vector<SkippedItem>& skipped() const { return skipped_; }
    std::size_t missingLabels() const { return missingLabels_; }

private:
    std::shared_ptr<const CalibrationSource> source_;
    Shard shard_;
    std::size_t consumed_ = 0;
    std::size_t itemsRead_ = 0;
    std::size_t missingLabels_ = 0;
    std::vector<SkippedItem> skipped_;
};

} // namespace foldwise
