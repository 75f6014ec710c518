#include "passes/ChoosingMaps.h"

#include "data/NpyFile.h"
#include "model/ModelError.h"
#include "passes/ModelFiles.h"

#include <cctype>
#include <set>

namespace foldwise::passes {
namespace {

// A file name from a node name ("/layer1/layer1.0/relu/Relu" -> "layer1_layer1.0_relu_Relu"),
// unique among the names handed out so far.
class FileNames {
public:
    std::string take(const std::string& node, const std::string& suffix)
    {
        std::string base;
        for (char c : node)
            base += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
        const std::size_t first = base.find_first_not_of('_');
        base = first == std::string::npos ? "relu" : base.substr(first);
        std::string name = base + suffix;
        for (int i = 2; !taken_.insert(name).second; ++i)
            name = base + "_" + std::to_string(i) + suffix;
        return name;
    }

private:
    std::set<std::string> taken_;
};

void writeInt64s(const std::filesystem::path& file, const std::vector<int64_t>& values)
{
    writeNpy(file, HostTensor::fromValues(DataType::Int64, {static_cast<int64_t>(values.size())}, values));
}

} // namespace

std::vector<float> oneHotChoosingMatrix(const InducerChoice& choice, std::size_t layer)
{
    const std::vector<int64_t> map = choice.choosingMap(layer);
    const auto columns = map.size();
    std::vector<float> m(static_cast<std::size_t>(choice.inducer.units) * columns, 0.0f);
    for (std::size_t j = 0; j < columns; ++j)
        m[static_cast<std::size_t>(map[j]) * columns + j] = 1.0f;
    return m;
}

nlohmann::json writeChoosingMaps(const std::vector<InducerChoice>& choices, const std::filesystem::path& dir)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw ModelError(dir.string(), "cannot create the folder: " + ec.message());
    FileNames names;
    nlohmann::json inducers = nlohmann::json::array();
    std::size_t items = 0;
    for (const InducerChoice& c : choices) {
        items = c.items;
        const std::string prototypesFile = names.take(c.inducer.name, ".prototypes.npy");
        writeInt64s(dir / prototypesFile, c.prototypes);
        nlohmann::json induced = nlohmann::json::array();
        for (std::size_t i = 0; i < c.induced.size(); ++i) {
            const ReluLayer& l = c.induced[i].layer;
            const std::string mapFile = names.take(l.name, ".choosing.npy");
            writeInt64s(dir / mapFile, c.choosingMap(i));
            nlohmann::json entry = {{"layer", l.name},   {"input", l.input},
                                    {"shape", l.itemDims}, {"units", l.units},
                                    {"choosing_map_file", mapFile}, {"one_hot_file", nullptr}};
            if (c.inducer.units * l.units <= kOneHotLimit) {
                const std::string oneHotFile = names.take(l.name, ".onehot.npy");
                writeNpy(dir / oneHotFile, HostTensor::fromValues(DataType::Float, {c.inducer.units, l.units},
                                                                  oneHotChoosingMatrix(c, i)));
                entry["one_hot_file"] = oneHotFile;
            } else {
                entry["one_hot_omitted"] = std::to_string(c.inducer.units) + " x " + std::to_string(l.units)
                                           + " elements exceed " + std::to_string(kOneHotLimit)
                                           + "; index the inducer's flattened DReLU with the choosing map instead";
            }
            induced.push_back(entry);
        }
        inducers.push_back({{"inducer", c.inducer.name},
                            {"input", c.inducer.input},
                            {"shape", c.inducer.itemDims},
                            {"units", c.inducer.units},
                            {"prototypes", c.prototypes.size()},
                            {"prototypes_file", prototypesFile},
                            {"induced", induced}});
    }
    const nlohmann::json manifest = {{"format", "foldwise induced-relu choosing maps 1"}, {"items", items}, {"inducers", inducers}};
    writeReport(manifest, dir / "choosing.json");
    return manifest;
}

} // namespace foldwise::passes
