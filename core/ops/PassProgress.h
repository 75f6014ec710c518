#pragma once

// The model passes report progress and poll cancellation through passes::PassContext; this
// hands them an operation's.

#include "ops/OperationContext.h"
#include "passes/PassResult.h"

namespace foldwise::ops {

inline passes::PassContext passContext(OperationContext& context, const char* unit = "steps")
{
    passes::PassContext pass;
    pass.cancel = context.cancelFlag();
    pass.progress = [&context, unit](std::size_t done, std::size_t total) {
        context.progress(done, total, unit);
        return !context.cancelled();
    };
    return pass;
}

} // namespace foldwise::ops
