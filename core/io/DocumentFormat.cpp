#include "io/DocumentFormat.h"

namespace foldwise {

void requireDocumentFormat(const JsonNode& root, std::string_view format, std::int64_t version)
{
    if (!root.isObject())
        root.fail("must be a JSON object holding a " + std::string(format) + " document, not " + jsonTypeName(root.raw()));
    if (root.at("format").string() != format)
        root.at("format").fail("must be \"" + std::string(format) + "\"");
    if (root.at("version").integer() != version)
        root.at("version").fail("must be " + std::to_string(version) + " (a newer Foldwise wrote this file?)");
}

} // namespace foldwise
