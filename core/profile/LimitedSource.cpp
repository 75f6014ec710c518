#include "profile/LimitedSource.h"

#include <algorithm>
#include <stdexcept>

namespace foldwise {

LimitedSource::LimitedSource(std::shared_ptr<const CalibrationSource> inner, std::size_t limit)
    : inner_(std::move(inner)), limit_(limit)
{
    if (!inner_)
        throw std::invalid_argument("LimitedSource: no source");
}

std::size_t LimitedSource::size() const
{
    return std::min(limit_, inner_->size());
}

std::string LimitedSource::describeItems() const
{
    // The inner source's full description (its labels included) keeps provenance complete.
    return "first " + std::to_string(size()) + " items of " + inner_->describe();
}

} // namespace foldwise
