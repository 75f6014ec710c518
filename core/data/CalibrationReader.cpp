#include "data/CalibrationReader.h"

#include "model/ModelError.h"

#include <stdexcept>
#include <string>

namespace foldwise {

CalibrationReader::CalibrationReader(std::shared_ptr<const CalibrationSource> source, Shard shard)
    : source_(std::move(source)), shard_(shard)
{
    if (!source_)
        throw std::invalid_argument("CalibrationReader: no source");
    shard_.validate();
}

CalibrationBatch CalibrationReader::next(std::size_t maxItems)
{
    if (maxItems == 0)
        throw std::invalid_argument("CalibrationReader::next: maxItems must be positive");
    const std::size_t total = source_->size();
    const std::size_t start = consumed_;
    std::size_t used = 0;
    CalibrationBatch batch = source_->fillBatch(
        [&](std::size_t k) { return shard_.position(total, start + k); }, size() - std::min(start, size()), maxItems,
        used);
    consumed_ += used;
    itemsRead_ += batch.size();
    missingLabels_ += batch.missingLabels;
    skipped_.insert(skipped_.end(), batch.skipped.begin(), batch.skipped.end());
    // Skipping lets a folder with a few broken images still profile; when nothing at all could
    // be read, carrying on would "succeed" with an empty profile or an accuracy of nothing.
    if (atEnd() && itemsRead_ == 0 && !skipped_.empty())
        throw ModelError("", "the calibration data yields no item: all " + std::to_string(skipped_.size())
                                 + " item(s) are unreadable (item " + std::to_string(skipped_.front().index) + ": "
                                 + skipped_.front().reason + ")");
    return batch;
}

void CalibrationReader::rewind()
{
    consumed_ = 0;
    itemsRead_ = 0;
    missingLabels_ = 0;
    skipped_.clear();
}

} // namespace foldwise
