#pragma once

// A JSON file the CLI wrote (reports, designs, mappings), parsed for checking.

#include <QString>

#include <nlohmann/json.hpp>

#include <fstream>

namespace fixtures {

inline nlohmann::json readJson(const QString& file)
{
    std::ifstream in(file.toStdString());
    return nlohmann::json::parse(in);
}

} // namespace fixtures
