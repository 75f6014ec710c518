#include "passes/PassResult.h"

namespace foldwise::passes {

void PassContext::step(std::size_t done, std::size_t total) const
{
    if (cancel && cancel->load(std::memory_order_relaxed))
        throw PassCancelled();
    if (progress && !progress(done, total))
        throw PassCancelled();
}

} // namespace foldwise::passes
