#pragma once

#include <cstddef>
#include <memory>

namespace foldwise {

// Recycles large, 64-byte aligned buffers. Running a network allocates the same activation
// sizes batch after batch; handing fresh pages to every run costs page faults that can take
// as long as the arithmetic. Freed buffers wait here, keyed by size, up to a byte cap, and
// are handed out again. Thread-safe.
class BufferPool {
public:
    static BufferPool& instance();

    // A buffer of at least `bytes` (uninitialised); it returns to the pool when released.
    std::shared_ptr<std::byte> acquire(std::size_t bytes);

    void setCapacity(std::size_t bytes);
    std::size_t cachedBytes() const;
    void clear();

    struct State;

private:
    BufferPool() = default;
    std::shared_ptr<State> state();
};

} // namespace foldwise
