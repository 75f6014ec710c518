#pragma once

#include "data/CalibrationSource.h"

#include <memory>

namespace foldwise {

// The first `limit` items of another source (`--limit N`): shards of it are shards of those
// items, so profiles of its shards still merge into the profile of the limited whole.
class LimitedSource : public CalibrationSource {
public:
    LimitedSource(std::shared_ptr<const CalibrationSource> inner, std::size_t limit);

    std::size_t size() const override;
    std::vector<int64_t> itemDims() const override { return inner_->itemDims(); }
    bool synthetic() const override { return inner_->synthetic(); }
    std::string itemId(std::size_t index) const override { return inner_->itemId(index); }
    void readItem(std::size_t index, std::span<float> out) const override { inner_->readItem(index, out); }

protected:
    std::string describeItems() const override;

private:
    std::shared_ptr<const CalibrationSource> inner_;
    std::size_t limit_;
};

} // namespace foldwise
