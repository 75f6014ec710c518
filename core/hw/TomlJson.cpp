#include "hw/TomlJson.h"

#include "hw/TomlGuard.h"
#include "io/JsonReading.h"
#include "model/ModelError.h"

#include <sstream>

#include <toml++/toml.h>

namespace foldwise {

nlohmann::json readTomlAsJson(const std::filesystem::path& file)
{
    const std::string text = readTextFile(file, "cannot open the TOML file");
    checkTomlCharacters(text, file.string()); // before toml++, which has undefined behaviour on some of them
    toml::table root;
    try {
        root = toml::parse(text, file.string());
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw ModelError(file.string(), "TOML syntax error at line " + std::to_string(at.line) + ", column "
                                            + std::to_string(at.column) + ": " + std::string(e.description()));
    }
    // toml++ writes the table as JSON (dates and times as strings); nlohmann then parses it with
    // the same depth limit as any JSON file.
    std::ostringstream json;
    json << toml::json_formatter{root};
    return parseJson(json.str(), file.string());
}

} // namespace foldwise
