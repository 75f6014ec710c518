#include "exec/SharedWeights.h"

namespace foldwise {

dnnl::memory SharedWeights::get(const void* source, const dnnl::memory::desc& desc, const Reorder& reorder)
{
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_)
        if (e.source == source && e.desc == desc)
            return e.weights;
    // Reordering under the lock: the other executors need the same weights anyway.
    std::shared_ptr<std::byte> holder;
    dnnl::memory weights = reorder(holder);
    entries_.push_back({source, desc, weights, std::move(holder)});
    return entries_.back().weights;
}

} // namespace foldwise
