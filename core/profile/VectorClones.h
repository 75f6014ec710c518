#pragma once

// The build targets baseline x86-64 (SSE2). The profiler's statistics loops run about 1.5x
// faster with AVX2 and another third faster with AVX-512 (x86-64-v4; resnet18's statistics
// went from 4.5 to 3.4 ms per item), so the hottest ones are compiled three times and the
// dynamic loader picks the variant the CPU supports (GCC function multi-versioning, an ifunc). Left out under
// AddressSanitizer, whose instrumentation and ifunc resolvers do not mix well.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define FOLDWISE_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define FOLDWISE_VECTOR_CLONES
#endif
