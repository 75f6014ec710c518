#include "hw/finn/FinnDesign.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace foldwise::finn {
namespace {

void subtract(ResourceUsage& total, const ResourceUsage& r)
{
    total.dsp -= r.dsp;
    total.bram18 -= r.bram18;
    total.lut -= r.lut;
    total.ff -= r.ff;
    total.uram -= r.uram;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

} // namespace

NodeFolding followVvau(const NodeFolding& swg, const NodeFolding& vvau)
{
    NodeFolding f = swg;
    f.simd = vvau.pe;
    f.parallelWindow = vvau.simd > 1;
    return f;
}

FinnDesign::FinnDesign(FinnNetwork network, EstimateOptions options)
    : network_(std::move(network)), options_(options)
{
    const std::size_t n = network_.nodes.size();
    outEdges_.resize(n);
    edgeStart_.resize(n);
    std::vector<std::vector<bool>> portUsed(n);
    for (std::size_t i = 0; i < n; ++i)
        portUsed[i].assign(static_cast<std::size_t>(std::max(network_.nodes[i].outputs, 0)), false);
    for (std::size_t i = 0; i < n; ++i) {
        const FinnNode& node = network_.nodes[i];
        if (node.inputs.empty())
            throw std::invalid_argument(node.name + ": a node needs an input");
        edgeStart_[i] = edgeConsumer_.size();
        for (std::size_t k = 0; k < node.inputs.size(); ++k) {
            const StreamSource& src = node.inputs[k];
            if (src.node >= static_cast<int>(i))
                throw std::invalid_argument(node.name + ": its producer must come before it");
            if (src.node >= 0) {
                const std::size_t p = static_cast<std::size_t>(src.node);
                if (src.port < 0 || static_cast<std::size_t>(src.port) >= portUsed[p].size())
                    throw std::invalid_argument(node.name + ": reads output " + std::to_string(src.port) + " of "
                                                + network_.nodes[p].name + ", which has "
                                                + std::to_string(portUsed[p].size()));
                // One consumer per output, as FINN's InsertFIFO needs (fan-out via DuplicateStreams).
                if (portUsed[p][static_cast<std::size_t>(src.port)])
                    throw std::invalid_argument(network_.nodes[p].name + ": output " + std::to_string(src.port)
                                                + " feeds several nodes; FINN needs a DuplicateStreams there");
                portUsed[p][static_cast<std::size_t>(src.port)] = true;
                outEdges_[p].push_back(edgeConsumer_.size());
            }
            edgeConsumer_.push_back(i);
            edgePort_.push_back(static_cast<int>(k));
        }
    }
    // A join's inputs buffer the difference of their paths' fill (FinnFifo.h).
    const std::vector<double> fill = pathFill(network_.nodes);
    edgeImbalance_.assign(edgeConsumer_.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const FinnNode& node = network_.nodes[i];
        if (node.inputs.size() < 2)
            continue;
        double latest = 0;
        for (const StreamSource& src : node.inputs)
            latest = std::max(latest, src.node >= 0 ? fill[static_cast<std::size_t>(src.node)] : 0.0);
        for (std::size_t k = 0; k < node.inputs.size(); ++k) {
            const int p = node.inputs[k].node;
            edgeImbalance_[edgeStart_[i] + k] = latest - (p >= 0 ? fill[static_cast<std::size_t>(p)] : 0.0);
        }
    }
    const std::vector<NodeFolding> initial = foldings();
    for (std::size_t i = 0; i < n; ++i) {
        const std::string error = checkOwnFolding(i, initial[i], &initial);
        if (!error.empty())
            throw std::invalid_argument(error);
    }
    estimates_.resize(n);
    fifos_.resize(edgeConsumer_.size());
    dwcs_.resize(edgeConsumer_.size());
    for (std::size_t i = 0; i < n; ++i)
        evaluateNode(i);
    upstream_.assign(n, 0);
    refreshUpstream();
    for (std::size_t e = 0; e < edgeConsumer_.size(); ++e)
        evaluateEdge(e);
    if (options_.fifos == FifoRule::Given)
        for (const GivenFifo& f : network_.fifos) {
            givenFifos_.push_back(givenFifoEstimate(f));
            givenFifoTotal_ += givenFifos_.back().resources();
        }
}

std::string FinnDesign::checkOwnFolding(std::size_t i, const NodeFolding& f, const std::vector<NodeFolding>* all) const
{
    const FinnNode& n = network_.nodes[i];
    std::string error = finn::checkFolding(n, f);
    if (!error.empty() || n.linked < 0)
        return error;
    const std::size_t other = static_cast<std::size_t>(n.linked);
    const FinnNode& partner = network_.nodes[other];
    if (leadsDepthwiseSwg(n.op)) {
        if (f.simd > 1 && partner.backend != Backend::Rtl)
            return n.name + ": SIMD > 1 needs parallel_window on the SWG " + partner.name
                + ", which only ConvolutionInputGenerator_rtl has";
        const NodeFolding& swg = all ? (*all)[other] : partner.folding;
        return finn::checkFolding(partner, followVvau(swg, f));
    }
    // A depthwise SWG: it must agree with its VVAU or Pool.
    const NodeFolding& vvau = all ? (*all)[other] : partner.folding;
    if (f.simd != vvau.pe)
        return n.name + ": SIMD " + std::to_string(f.simd) + " must equal the PE " + std::to_string(vvau.pe) + " of "
            + partner.name + " (a depthwise SWG streams the channels its consumer's PEs take)";
    if (f.parallelWindow != (vvau.simd > 1))
        return n.name + ": parallel_window must be " + (vvau.simd > 1 ? "1" : "0") + " as " + partner.name
            + " has SIMD " + std::to_string(vvau.simd);
    return {};
}

std::string FinnDesign::checkFolding(std::size_t i, const NodeFolding& folding) const
{
    if (i >= size())
        return "node index " + std::to_string(i) + " out of range";
    return checkOwnFolding(i, folding, nullptr);
}

void FinnDesign::applyFolding(std::size_t i, const NodeFolding& folding)
{
    network_.nodes[i].folding = folding;
    evaluateNode(i);
}

void FinnDesign::setFolding(std::size_t i, const NodeFolding& folding)
{
    const std::string error = checkFolding(i, folding);
    if (!error.empty())
        throw std::invalid_argument(error);
    applyFolding(i, folding);
    const FinnNode& n = network_.nodes[i];
    if (leadsDepthwiseSwg(n.op) && n.linked >= 0) {
        const std::size_t swg = static_cast<std::size_t>(n.linked);
        applyFolding(swg, followVvau(network_.nodes[swg].folding, folding));
        refreshEdges(swg);
    }
    refreshEdges(i);
    refreshUpstream();
}

std::vector<NodeFolding> FinnDesign::foldings() const
{
    std::vector<NodeFolding> out;
    out.reserve(network_.nodes.size());
    for (const FinnNode& n : network_.nodes)
        out.push_back(n.folding);
    return out;
}

void FinnDesign::setFoldings(const std::vector<NodeFolding>& all)
{
    if (all.size() != size())
        throw std::invalid_argument("expected " + std::to_string(size()) + " foldings, got " + std::to_string(all.size()));
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string error = checkOwnFolding(i, all[i], &all);
        if (!error.empty())
            throw std::invalid_argument(error);
    }
    for (std::size_t i = 0; i < all.size(); ++i)
        if (!(network_.nodes[i].folding == all[i]))
            applyFolding(i, all[i]);
    for (std::size_t i = 0; i < upstream_.size(); ++i)
        upstream_[i] = 0;
    refreshUpstream();
    for (std::size_t e = 0; e < edgeConsumer_.size(); ++e)
        evaluateEdge(e);
}

void FinnDesign::refreshUpstream()
{
    for (std::size_t i = 0; i < network_.nodes.size(); ++i) {
        int64_t slowest = estimates_[i].cycles;
        for (const StreamSource& src : network_.nodes[i].inputs)
            if (src.node >= 0)
                slowest = std::max(slowest, upstream_[static_cast<std::size_t>(src.node)]);
        if (slowest != upstream_[i]) {
            upstream_[i] = slowest;
            for (std::size_t e : outEdges_[i])
                evaluateEdge(e);
        }
    }
}

void FinnDesign::evaluateNode(std::size_t i)
{
    const NodeEstimate fresh = estimateNode(network_.nodes[i], options_);
    subtract(nodeTotal_, estimates_[i].resources());
    nodeTotal_ += fresh.resources();
    estimates_[i] = fresh;
    ++evaluations_;
    summaryDirty_ = true;
}

void FinnDesign::evaluateEdge(std::size_t edge)
{
    const std::size_t consumer = edgeConsumer_[edge];
    const int port = edgePort_[edge];
    const FinnNode& c = network_.nodes[consumer];
    const int producer = c.inputs[static_cast<std::size_t>(port)].node;
    FifoEstimate fresh;
    fresh.consumer = static_cast<int>(consumer);
    fresh.consumerPort = port;
    fresh.producer = producer;
    if (options_.fifos == FifoRule::RateMismatch && producer >= 0) {
        const std::size_t p = static_cast<std::size_t>(producer);
        const FinnNode& from = network_.nodes[p];
        int64_t cap = 0;
        if (options_.capConvolutionFifos && from.op == FinnOp::ConvolutionInputGenerator && c.op == FinnOp::Mvau)
            cap = from.ofmDim[1] * (outputWords(from) / std::max<int64_t>(1, from.ofmDim[0] * from.ofmDim[1])); // one row
        fresh = estimateFifo(from, upstream_[p], estimates_[consumer].cycles, producer, static_cast<int>(consumer), port,
                             edgeImbalance_[edge], cap);
    }
    subtract(fifoTotal_, fifos_[edge].estimate.resources());
    fifoTotal_ += fresh.estimate.resources();
    fifos_[edge] = fresh;

    DwcEstimate dwc;
    if (options_.dataWidthConverters && producer >= 0)
        dwc = estimateDwc(outputStreamWidth(network_.nodes[static_cast<std::size_t>(producer)]), inputStreamWidth(c, port),
                          producer, static_cast<int>(consumer));
    subtract(fifoTotal_, dwcs_[edge].estimate.resources());
    fifoTotal_ += dwc.estimate.resources();
    dwcs_[edge] = dwc;
}

void FinnDesign::refreshEdges(std::size_t i)
{
    for (std::size_t k = 0; k < network_.nodes[i].inputs.size(); ++k)
        evaluateEdge(edgeStart_[i] + k);
    for (std::size_t e : outEdges_[i])
        evaluateEdge(e);
}

std::vector<int64_t> FinnDesign::inFifoDepths(std::size_t i) const
{
    std::vector<int64_t> depths;
    for (std::size_t k = 0; k < network_.nodes[i].inputs.size(); ++k) {
        const FifoEstimate& f = fifos_[edgeStart_[i] + k];
        depths.push_back(f.depth > 0 ? f.requestedDepth : 2);
    }
    return depths;
}

std::vector<int64_t> FinnDesign::outFifoDepths(std::size_t i) const
{
    return std::vector<int64_t>(static_cast<std::size_t>(std::max(network_.nodes[i].outputs, 1)), 2);
}

void FinnDesign::updateSummary() const
{
    if (!summaryDirty_)
        return;
    maxCycles_ = 0;
    bottleneck_ = network_.nodes.empty() ? -1 : 0;
    criticalPath_ = 0;
    std::vector<int64_t> latency(network_.nodes.size(), 0);
    for (std::size_t i = 0; i < network_.nodes.size(); ++i) {
        const int64_t cycles = estimates_[i].cycles;
        if (cycles > maxCycles_) { // strictly greater: the first node wins ties, as in FINN
            maxCycles_ = cycles;
            bottleneck_ = static_cast<int>(i);
        }
        // dataflow_performance: a node starts after its slowest predecessor path.
        int64_t before = 0;
        for (const StreamSource& src : network_.nodes[i].inputs)
            if (src.node >= 0)
                before = std::max(before, latency[static_cast<std::size_t>(src.node)]);
        latency[i] = cycles + before;
        criticalPath_ = std::max(criticalPath_, latency[i]);
    }
    summaryDirty_ = false;
}

int64_t FinnDesign::maxCycles() const
{
    updateSummary();
    return maxCycles_;
}

int FinnDesign::bottleneck() const
{
    updateSummary();
    return bottleneck_;
}

int64_t FinnDesign::criticalPathCycles() const
{
    updateSummary();
    return criticalPath_;
}

double FinnDesign::throughputFps() const
{
    const int64_t cycles = maxCycles();
    return cycles > 0 ? (1e9 / options_.clockNs) / static_cast<double>(cycles) : 0.0;
}

double FinnDesign::latencyNs() const
{
    return static_cast<double>(criticalPathCycles()) * options_.clockNs;
}

NetworkEstimate FinnDesign::networkEstimate() const
{
    NetworkEstimate e;
    for (std::size_t i = 0; i < network_.nodes.size(); ++i) {
        const FinnNode& n = network_.nodes[i];
        LayerEstimate l;
        l.name = n.name;
        l.onnxNode = joined(n.onnxNodes);
        l.type = n.opType();
        l.folding = foldingSummary(n);
        l.cyclesDense = static_cast<double>(estimates_[i].cycles);
        l.cycles = l.cyclesDense;
        l.resources = estimates_[i].resources();
        e.layers.push_back(std::move(l));
    }
    int fifoIndex = 0;
    for (std::size_t k = 0; k < network_.fifos.size() && k < givenFifos_.size(); ++k) {
        const GivenFifo& f = network_.fifos[k];
        LayerEstimate l;
        l.name = f.name;
        l.type = f.vivado ? "StreamingFIFO_vivado" : "StreamingFIFO_rtl";
        l.folding = "depth=" + std::to_string(f.depth) + " width=" + std::to_string(f.width)
            + (f.vivado ? " impl_style=vivado ram_style=" + std::string(ramStyleName(f.ramStyle)) : " impl_style=rtl");
        l.resources = givenFifos_[k].resources();
        e.layers.push_back(std::move(l));
    }
    int dwcIndex = 0;
    for (const DwcEstimate& d : dwcs_) {
        if (d.outWidth == 0)
            continue;
        LayerEstimate l;
        const std::string type = d.rtl() ? "StreamingDataWidthConverter_rtl" : "StreamingDataWidthConverter_hls";
        l.name = type + "_" + std::to_string(dwcIndex++);
        l.type = type;
        l.folding = "inWidth=" + std::to_string(d.inWidth) + " outWidth=" + std::to_string(d.outWidth);
        l.resources = d.estimate.resources();
        e.layers.push_back(std::move(l));
    }
    for (const FifoEstimate& f : fifos_) {
        if (f.depth == 0)
            continue;
        LayerEstimate l;
        l.name = "StreamingFIFO_rtl_" + std::to_string(fifoIndex++);
        l.type = "StreamingFIFO_rtl";
        l.folding = "depth=" + std::to_string(f.depth) + " width=" + std::to_string(f.width)
            + (f.vivado ? " impl_style=vivado" : " impl_style=rtl");
        l.resources = f.estimate.resources();
        e.layers.push_back(std::move(l));
    }
    const int b = bottleneck();
    e.bottleneck = b < 0 ? 0 : static_cast<std::size_t>(b);
    e.intervalCycles = static_cast<double>(maxCycles());
    e.latencyCycles = static_cast<double>(criticalPathCycles());
    e.clockMhz = 1e3 / options_.clockNs;
    e.batch = 1;
    e.latencySeconds = latencyNs() * 1e-9;
    e.throughputFps = throughputFps();
    e.partitions = 1;
    e.total = totalResources();
    return e;
}

} // namespace foldwise::finn
