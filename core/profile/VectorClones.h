#pragma once

// The build targets baseline x86-64 (SSE2). The profiler's statistics loops run about 1.5x
// faster with AVX2, so the hottest ones are compiled twice and the dynamic loader picks the
// variant the CPU supports (GCC function multi-versioning, an ifunc). Left out under
// AddressSanitizer, whose instrumentation and ifunc resolvers do not mix well.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define FOLDWISE_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FOLDWISE_VECTOR_CLONES
#endif
