#pragma once

#include "layers/ModelSummary.h"

#include <nlohmann/json_fwd.hpp>

#include <ostream>

namespace foldwise {

// The `inspect` report in its three forms. JSON: {"model": {...}, "layers": [...], "totals": {...}}.
nlohmann::json inspectJson(const Model& model, const ModelSummary& summary);
void writeInspectCsv(const ModelSummary& summary, std::ostream& out);
void writeInspectTable(const Model& model, const ModelSummary& summary, std::ostream& out);

// "1,814,073,344"
std::string groupThousands(int64_t value);

} // namespace foldwise
