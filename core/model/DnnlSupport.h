#pragma once

#include "model/HostTensor.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <optional>
#include <vector>

namespace foldwise::dnnl_support {

// One CPU engine for the whole process and one stream per thread: oneDNN primitives are cheap
// to run but costly to create, so kernels create theirs once per input shape and keep them.
dnnl::engine& engine();
dnnl::stream& stream();

std::optional<dnnl::memory::data_type> dataType(DataType type);
dnnl::memory::dims dims(const std::vector<int64_t>& d);

// Plain row-major (abcd...) descriptor; rank 0 becomes a 1-element 1-D tensor.
dnnl::memory::desc plainDesc(const std::vector<int64_t>& d, DataType type);

// Descriptor of a tensor as it lies in memory (row-major, or nhwc for channels-last).
dnnl::memory::desc layoutDesc(const std::vector<int64_t>& d, DataType type, MemoryLayout layout);
inline dnnl::memory::desc layoutDesc(const HostTensor& t) { return layoutDesc(t.dims(), t.type(), t.layout()); }

// Memory objects over a tensor's bytes (no copy). The const version is for read-only sources.
dnnl::memory wrap(const HostTensor& t, const dnnl::memory::desc& desc);

// A memory of `desc` backed by a recycled buffer (see BufferPool); `holder` keeps it alive.
dnnl::memory pooledMemory(const dnnl::memory::desc& desc, std::shared_ptr<std::byte>& holder);

// The attributes every primitive is created with: its scratchpad comes from the caller
// (execute provides one per run). In oneDNN's default mode a primitive instead shares a
// per-thread scratchpad that is reference-counted per thread: a primitive created on one
// thread and destroyed on another (the profiler's workers, a GUI task) frees the scratchpad
// under the feet of the primitives still alive on the second thread, and a primitive run on
// a thread other than its creator's may find that thread's scratchpad too small.
dnnl::primitive_attr attributes();

// Runs a primitive with arguments (and a scratchpad when it wants one) and waits.
void execute(const dnnl::primitive& p, const std::unordered_map<int, dnnl::memory>& args);

// Copies `from` into `to` (same dims, other layout) with a reorder primitive. Creating one
// costs tens of microseconds (oneDNN searches its implementations), often more than running it
// on an activation; so the primitives of the recent layout pairs are kept, per thread.
void reorder(const dnnl::memory& from, const dnnl::memory& to);

} // namespace foldwise::dnnl_support
