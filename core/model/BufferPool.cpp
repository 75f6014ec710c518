#include "model/BufferPool.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <new>
#include <vector>

namespace foldwise {
namespace {

constexpr std::size_t kAlignment = 64;
constexpr std::size_t kGranule = 4096; // sizes are rounded to whole pages so near sizes share

} // namespace

struct BufferPool::State {
    mutable std::mutex mutex;
    std::multimap<std::size_t, std::byte*> free;
    std::size_t cached = 0;
    std::size_t capacity = std::size_t(1) << 30;

    ~State()
    {
        for (auto& [size, p] : free)
            std::free(p);
    }
};

BufferPool& BufferPool::instance()
{
    static BufferPool pool;
    return pool;
}

std::shared_ptr<BufferPool::State> BufferPool::state()
{
    // Shared with every live buffer's deleter, so buffers released after the pool's static
    // destruction still find valid state.
    static std::shared_ptr<State> s = std::make_shared<State>();
    return s;
}

namespace {

// The deleter of every pooled buffer: back to the free list, or to the system past the cap.
std::shared_ptr<std::byte> pooled(std::byte* p, std::size_t size, std::shared_ptr<BufferPool::State> s);

} // namespace

std::shared_ptr<std::byte> BufferPool::acquire(std::size_t bytes)
{
    const std::size_t size = std::max<std::size_t>((bytes + kGranule - 1) / kGranule * kGranule, kGranule);
    std::shared_ptr<State> s = state();
    {
        std::lock_guard lock(s->mutex);
        // Reuse an exact fit, or a buffer at most 1/8 larger (little waste, more reuse).
        auto it = s->free.lower_bound(size);
        if (it != s->free.end() && it->first <= size + size / 8) {
            const std::size_t got = it->first;
            std::byte* p = it->second;
            s->cached -= got;
            s->free.erase(it);
            return pooled(p, got, s);
        }
    }
    auto* p = static_cast<std::byte*>(std::aligned_alloc(kAlignment, size));
    if (!p)
        throw std::bad_alloc();
    return pooled(p, size, s);
}

namespace {

std::shared_ptr<std::byte> pooled(std::byte* p, std::size_t size, std::shared_ptr<BufferPool::State> s)
{
    return std::shared_ptr<std::byte>(p, [s = std::move(s), size](std::byte* q) {
        std::lock_guard lock(s->mutex);
        if (s->cached + size <= s->capacity) {
            s->free.emplace(size, q);
            s->cached += size;
        } else {
            std::free(q);
        }
    });
}

} // namespace

void BufferPool::setCapacity(std::size_t bytes)
{
    std::shared_ptr<State> s = state();
    std::lock_guard lock(s->mutex);
    s->capacity = bytes;
}

std::size_t BufferPool::cachedBytes() const
{
    std::shared_ptr<State> s = const_cast<BufferPool*>(this)->state();
    std::lock_guard lock(s->mutex);
    return s->cached;
}

void BufferPool::clear()
{
    std::shared_ptr<State> s = state();
    std::lock_guard lock(s->mutex);
    for (auto& [size, p] : s->free)
        std::free(p);
    s->free.clear();
    s->cached = 0;
}

} // namespace foldwise
