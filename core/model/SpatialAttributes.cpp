#include "model/SpatialAttributes.h"

namespace foldwise {

std::vector<int64_t> spatialIntsAttr(const Node& node, std::string_view name, std::size_t count, int64_t fallback)
{
    std::vector<int64_t> values = node.intsAttr(name);
    if (values.empty())
        values.assign(count, fallback);
    return values;
}

} // namespace foldwise
