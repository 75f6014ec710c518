#pragma once

#include <dnnl.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace foldwise {

// Constant weights reordered into a primitive's layout, shared by executors of one model (the
// profiler runs one executor per thread). Winograd weights are about four times the size of the
// originals and slow to transform, so each is made once instead of once per executor. Keys are
// the weight's source bytes and the target layout: share a cache only among executors of the
// same, living model. Thread-safe.
class SharedWeights {
public:
    // The reordered weights for (source, desc), made by `reorder` on first request (other
    // threads asking meanwhile wait); `reorder` sets `holder` to what keeps its memory alive.
    using Reorder = std::function<dnnl::memory(std::shared_ptr<std::byte>& holder)>;
    dnnl::memory get(const void* source, const dnnl::memory::desc& desc, const Reorder& reorder);

private:
    struct Entry {
        const void* source;
        dnnl::memory::desc desc;
        dnnl::memory weights;
        std::shared_ptr<std::byte> holder;
    };
    std::mutex mutex_;
    std::vector<Entry> entries_;
};

} // namespace foldwise
