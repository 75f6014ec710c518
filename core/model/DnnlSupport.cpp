#include "model/DnnlSupport.h"

#include "model/BufferPool.h"

#include <algorithm>
#include <deque>
#include <stdexcept>

namespace foldwise::dnnl_support {

dnnl::engine& engine()
{
    static dnnl::engine e(dnnl::engine::kind::cpu, 0);
    return e;
}

dnnl::stream& stream()
{
    // oneDNN streams are not meant to be shared between threads; the profiler runs an
    // executor per thread.
    thread_local dnnl::stream s(engine());
    return s;
}

std::optional<dnnl::memory::data_type> dataType(DataType type)
{
    using dt = dnnl::memory::data_type;
    switch (type) {
    case DataType::Float: return dt::f32;
    case DataType::Int32: return dt::s32;
    case DataType::Int8: return dt::s8;
    case DataType::UInt8: return dt::u8;
    case DataType::BFloat16: return dt::bf16;
    case DataType::Float16: return dt::f16;
    default: return std::nullopt;
    }
}

dnnl::memory::dims dims(const std::vector<int64_t>& d)
{
    if (d.empty())
        return {1};
    return dnnl::memory::dims(d.begin(), d.end());
}

dnnl::memory::desc plainDesc(const std::vector<int64_t>& d, DataType type)
{
    const auto t = dataType(type);
    if (!t)
        throw std::invalid_argument("oneDNN cannot handle element type " + std::string(dataTypeName(type)));
    const dnnl::memory::dims shape = dims(d);
    dnnl::memory::dims strides(shape.size(), 1);
    for (int i = static_cast<int>(shape.size()) - 2; i >= 0; --i)
        strides[static_cast<std::size_t>(i)] = strides[static_cast<std::size_t>(i) + 1] * std::max<int64_t>(shape[static_cast<std::size_t>(i) + 1], 1);
    return dnnl::memory::desc(shape, *t, strides);
}

dnnl::memory::desc layoutDesc(const std::vector<int64_t>& d, DataType type, MemoryLayout layout)
{
    if (layout == MemoryLayout::RowMajor)
        return plainDesc(d, type);
    const auto t = dataType(type);
    if (!t || d.size() != 4)
        throw std::invalid_argument("channels-last needs a rank-4 tensor oneDNN can handle");
    return dnnl::memory::desc(dims(d), *t, dnnl::memory::format_tag::nhwc);
}

dnnl::memory wrap(const HostTensor& t, const dnnl::memory::desc& desc)
{
    // oneDNN takes a void*; sources are only read, destinations were allocated writable.
    return dnnl::memory(desc, engine(), const_cast<std::byte*>(t.bytes()));
}

dnnl::memory pooledMemory(const dnnl::memory::desc& desc, std::shared_ptr<std::byte>& holder)
{
    holder = BufferPool::instance().acquire(std::max<std::size_t>(desc.get_size(), 1));
    return dnnl::memory(desc, engine(), holder.get());
}

dnnl::primitive_attr attributes()
{
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    return attr;
}

void execute(const dnnl::primitive& p, const std::unordered_map<int, dnnl::memory>& args)
{
    const_dnnl_primitive_desc_t pd = nullptr;
    dnnl::error::wrap_c_api(dnnl_primitive_get_primitive_desc(p.get(), &pd), "cannot query a primitive");
    const dnnl_memory_desc_t* scratchpad = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
    if (!scratchpad || dnnl_memory_desc_get_size(scratchpad) == 0) {
        p.execute(stream(), args);
    } else {
        std::shared_ptr<std::byte> holder;
        std::unordered_map<int, dnnl::memory> withScratchpad = args;
        withScratchpad[DNNL_ARG_SCRATCHPAD] = pooledMemory(dnnl::memory::desc(*scratchpad), holder);
        p.execute(stream(), withScratchpad);
    }
    stream().wait();
}

void reorder(const dnnl::memory& from, const dnnl::memory& to)
{
    struct Entry {
        dnnl::memory::desc from, to;
        dnnl::reorder primitive;
    };
    // A network has a few dozen distinct activation reorders; most recently used first.
    constexpr std::size_t kKept = 64;
    thread_local std::deque<Entry> recent;
    const dnnl::memory::desc f = from.get_desc(), t = to.get_desc();
    auto it = std::find_if(recent.begin(), recent.end(), [&](const Entry& e) { return e.from == f && e.to == t; });
    if (it == recent.end()) {
        recent.push_front({f, t, dnnl::reorder(from, to, attributes())});
        if (recent.size() > kKept)
            recent.pop_back();
        it = recent.begin();
    } else if (it != recent.begin()) {
        Entry e = std::move(*it);
        recent.erase(it);
        recent.push_front(std::move(e));
        it = recent.begin();
    }
    execute(it->primitive, {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}});
}

} // namespace foldwise::dnnl_support
