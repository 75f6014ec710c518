#include "hw/finn/FoldingConfig.h"

#include <algorithm>

#include "hw/ReportTable.h"
#include "io/JsonReading.h"
#include "model/ModelError.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace foldwise::finn {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

bool isThresholdingHls(const FinnNode& n)
{
    return n.op == FinnOp::Thresholding && n.backend == Backend::Hls;
}

bool isThresholdingRtl(const FinnNode& n)
{
    return n.op == FinnOp::Thresholding && n.backend == Backend::Rtl;
}

// Whether the specialised custom op has the attribute (FINN's set_nodeattr fails otherwise).
bool hasAttribute(const FinnNode& n, const std::string& attr)
{
    const bool compute = n.op == FinnOp::Mvau || n.op == FinnOp::Vvau;
    if (attr == "PE")
        return hasPe(n.op);
    if (attr == "SIMD")
        return hasSimd(n.op);
    if (attr == "ram_style")
        return compute || n.op == FinnOp::ConvolutionInputGenerator || isThresholdingHls(n) || n.op == FinnOp::ChannelwiseOp;
    if (attr == "ram_style_thresholds")
        return n.op == FinnOp::Mvau;
    if (attr == "resType")
        return compute;
    if (attr == "parallel_window")
        return n.op == FinnOp::ConvolutionInputGenerator && n.backend == Backend::Rtl;
    if (attr == "mem_mode")
        return compute || isThresholdingHls(n);
    if (attr == "runtime_writeable_weights")
        return compute || n.op == FinnOp::Thresholding;
    if (attr == "depth_trigger_uram" || attr == "depth_trigger_bram")
        return isThresholdingRtl(n);
    return attr == "inFIFODepths" || attr == "outFIFODepths";
}

std::size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// " (did you mean 'MVAU_hls_3'?)" for a name a couple of edits away from a node's.
std::string suggestion(const FinnNetwork& network, const std::string& name)
{
    std::string best;
    std::size_t bestDistance = 3;
    if (name.size() > 256) // no node name is that long; spare the quadratic distance
        return best;
    for (const FinnNode& n : network.nodes)
        if (const std::size_t d = editDistance(name, n.name); d < bestDistance) {
            bestDistance = d;
            best = n.name;
        }
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

class ConfigApplier {
public:
    ConfigApplier(FinnDesign& design, std::string file) : design_(design), file_(std::move(file)) {}

    void apply(const std::string& text);

private:
    [[noreturn]] void fail(const std::string& why) const { throw ModelError(file_, why); }

    // Sets one attribute of node i in the pending foldings.
    void set(std::size_t i, const std::string& attr, const json& value, const std::string& where);
    int64_t integer(const json& value, const std::string& where, const std::string& attr) const
    {
        if (value.is_boolean())
            return value.get<bool>() ? 1 : 0;
        if (!value.is_number_integer())
            fail(where + ": " + attr + " must be an integer, not " + jsonTypeName(value));
        return value.get<int64_t>();
    }
    std::string text(const json& value, const std::string& where, const std::string& attr) const
    {
        if (!value.is_string())
            fail(where + ": " + attr + " must be a string, not " + jsonTypeName(value));
        return value.get<std::string>();
    }

    FinnDesign& design_;
    std::string file_;
    std::vector<NodeFolding> foldings_;
    std::vector<bool> swgSetExplicitly_;
};

void ConfigApplier::set(std::size_t i, const std::string& attr, const json& value, const std::string& where)
{
    const FinnNode& n = design_.node(i);
    if (!hasAttribute(n, attr))
        fail(where + ": " + n.opType() + " has no attribute " + shortText(attr));
    NodeFolding& f = foldings_[i];
    if (attr == "PE") {
        f.pe = integer(value, where, attr);
    } else if (attr == "SIMD") {
        f.simd = integer(value, where, attr);
        swgSetExplicitly_[i] = true;
    } else if (attr == "parallel_window") {
        const int64_t v = integer(value, where, attr);
        if (v != 0 && v != 1)
            fail(where + ": parallel_window must be 0 or 1, not " + std::to_string(v));
        f.parallelWindow = v == 1;
        swgSetExplicitly_[i] = true;
    } else if (attr == "ram_style" || attr == "ram_style_thresholds") {
        RamStyle style{};
        const std::string s = text(value, where, attr);
        if (!parseRamStyle(s, style))
            fail(where + ": " + attr + " \"" + shortText(s) + "\" is not auto, block, distributed or ultra");
        (attr == "ram_style" ? f.ramStyle : f.ramStyleThresholds) = style;
    } else if (attr == "resType") {
        ResType type{};
        const std::string s = text(value, where, attr);
        if (!parseResType(s, type))
            fail(where + ": resType \"" + shortText(s) + "\" is not auto, lut or dsp");
        f.resType = type;
    } else if (attr == "mem_mode") {
        const std::string s = text(value, where, attr);
        if (s != "internal_decoupled")
            fail(where + ": mem_mode \"" + shortText(s) + "\" is not modelled (only internal_decoupled)");
    } else if (attr == "runtime_writeable_weights") {
        const int64_t v = integer(value, where, attr);
        if (v != 0 && v != 1)
            fail(where + ": runtime_writeable_weights must be 0 or 1");
    } else if (attr == "depth_trigger_uram" || attr == "depth_trigger_bram") {
        const int64_t v = integer(value, where, attr);
        if (v < 0)
            fail(where + ": " + attr + " must not be negative");
        (attr == "depth_trigger_uram" ? f.depthTriggerUram : f.depthTriggerBram) = v;
    }
    // inFIFODepths / outFIFODepths: accepted; FIFO depths come from the FIFO rule.
}

void ConfigApplier::apply(const std::string& textIn)
{
    const json j = parseJson(textIn, file_);
    if (!j.is_object())
        fail("a folding configuration is a JSON object of node names");
    foldings_ = design_.foldings();
    swgSetExplicitly_.assign(design_.size(), false);

    if (j.contains("Defaults")) {
        const json& defaults = j["Defaults"];
        if (!defaults.is_object())
            fail("Defaults must be an object");
        for (const auto& [attr, spec] : defaults.items()) {
            const std::string where = "Defaults." + shortText(attr);
            if (!spec.is_array() || spec.size() < 2 || spec.size() % 2 != 0)
                fail(where + ": expected [value, [op types]] or [value, \"all\"]");
            for (std::size_t k = 0; k < spec.size(); k += 2) {
                const json& value = spec[k];
                const json& ops = spec[k + 1];
                const bool all = ops.is_string() && ops.get<std::string>() == "all";
                if (!all && !ops.is_array())
                    fail(where + ": the op types must be a list or \"all\"");
                for (std::size_t i = 0; i < design_.size(); ++i) {
                    const FinnNode& n = design_.node(i);
                    bool match = all && hasAttribute(n, attr);
                    if (!all)
                        for (const json& op : ops)
                            match = match
                                || (op.is_string()
                                    && (op.get<std::string>() == n.opType() || op.get<std::string>() == baseOpType(n.op)));
                    if (match)
                        set(i, attr, value, where + " (" + n.name + ")");
                }
            }
        }
    }
    for (const auto& [name, entry] : j.items()) {
        if (name == "Defaults")
            continue;
        const int index = design_.network().indexOf(name);
        if (index < 0)
            fail("unknown node '" + shortText(name) + "' (not in the converted network)" + suggestion(design_.network(), name));
        if (!entry.is_object())
            fail(shortText(name) + ": expected an object of attributes");
        for (const auto& [attr, value] : entry.items())
            set(static_cast<std::size_t>(index), attr, value, name);
    }
    // A depthwise SWG the file leaves alone follows its VVAU, as FINN's SetFolding sets it.
    for (std::size_t i = 0; i < design_.size(); ++i) {
        const FinnNode& n = design_.node(i);
        if (leadsDepthwiseSwg(n.op) && n.linked >= 0 && !swgSetExplicitly_[static_cast<std::size_t>(n.linked)]) {
            NodeFolding& swg = foldings_[static_cast<std::size_t>(n.linked)];
            swg = followVvau(swg, foldings_[i]);
        }
    }
    try {
        design_.setFoldings(foldings_);
    } catch (const std::invalid_argument& e) {
        fail(e.what());
    }
}

ojson nodeEntry(const FinnNode& n)
{
    const NodeFolding& f = n.folding;
    ojson e = ojson::object();
    switch (n.op) {
    case FinnOp::Mvau:
    case FinnOp::Vvau:
        e["PE"] = f.pe;
        e["SIMD"] = f.simd;
        e["ram_style"] = ramStyleName(f.ramStyle);
        e["resType"] = resTypeName(f.resType);
        if (n.op == FinnOp::Mvau && f.ramStyleThresholds != RamStyle::Auto)
            e["ram_style_thresholds"] = ramStyleName(f.ramStyleThresholds);
        break;
    case FinnOp::ConvolutionInputGenerator:
        e["SIMD"] = f.simd;
        e["ram_style"] = ramStyleName(f.ramStyle);
        if (n.backend == Backend::Rtl)
            e["parallel_window"] = f.parallelWindow ? 1 : 0;
        break;
    case FinnOp::Thresholding:
        e["PE"] = f.pe;
        if (n.backend == Backend::Hls)
            e["ram_style"] = ramStyleName(f.ramStyle);
        if (n.backend == Backend::Rtl && f.depthTriggerUram != 0)
            e["depth_trigger_uram"] = f.depthTriggerUram;
        if (n.backend == Backend::Rtl && f.depthTriggerBram != 0)
            e["depth_trigger_bram"] = f.depthTriggerBram;
        break;
    case FinnOp::StreamingMaxPool:
    case FinnOp::LabelSelect:
    case FinnOp::DuplicateStreams:
    case FinnOp::AddStreams:
    case FinnOp::Pool:
    case FinnOp::GlobalAccPool:
        e["PE"] = f.pe;
        break;
    case FinnOp::ChannelwiseOp:
        e["PE"] = f.pe;
        e["ram_style"] = ramStyleName(f.ramStyle);
        break;
    case FinnOp::FmPadding:
    case FinnOp::DownSampler:
        e["SIMD"] = f.simd;
        break;
    case FinnOp::StreamingConcat:          // main: no folding attribute
    case FinnOp::UpsampleNearestNeighbour:
        break;
    }
    return e;
}

// The node's entry plus its FIFO depths, as FINN's extract_model_config_to_json writes them
// after step_set_fifo_depths (finn-examples' ResNet-50 configuration).
ojson nodeEntry(const FinnDesign& d, std::size_t i)
{
    ojson e = nodeEntry(d.node(i));
    e["inFIFODepths"] = d.inFifoDepths(i);
    e["outFIFODepths"] = d.outFifoDepths(i);
    return e;
}

} // namespace

void applyFoldingConfig(FinnDesign& design, const std::string& text, const std::string& file)
{
    ConfigApplier(design, file).apply(text);
}

void readFoldingConfig(FinnDesign& design, const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ModelError(file.string(), "cannot open the folding configuration");
    std::stringstream buffer;
    buffer << in.rdbuf();
    applyFoldingConfig(design, buffer.str(), file.string());
}

std::string foldingConfigJson(const FinnDesign& design)
{
    ojson j = ojson::object();
    j["Defaults"] = ojson::object();
    for (std::size_t i = 0; i < design.size(); ++i)
        j[design.node(i).name] = nodeEntry(design, i);
    return j.dump(2) + "\n";
}

void writeFoldingConfig(const FinnDesign& design, const std::filesystem::path& file)
{
    writeTextFile(file, foldingConfigJson(design));
}

} // namespace foldwise::finn
