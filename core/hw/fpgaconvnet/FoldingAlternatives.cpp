#include "hw/fpgaconvnet/FoldingAlternatives.h"

#include <algorithm>

namespace foldwise::fpgaconvnet {
namespace {

// Every combination of the options; layers with one `coarse` keep coarse_in == coarse_out.
std::vector<Folding> candidateFoldings(const HardwareLayer& l, const Folding& current, const ModelSettings& settings)
{
    const FoldingOptions o = foldingOptions(l, settings, current.coarseOut);
    std::vector<Folding> out;
    const bool oneCoarse = l.type != LayerType::Convolution && l.type != LayerType::InnerProduct;
    for (const int64_t in : o.coarseIn)
        for (const int64_t outStreams : oneCoarse ? std::vector<int64_t>{in} : o.coarseOut)
            for (const int64_t group : o.coarseGroup)
                for (const int64_t fine : o.fine) {
                    Folding f = current;
                    f.coarseIn = in;
                    f.coarseOut = outStreams;
                    f.coarseGroup = group;
                    f.fine = fine;
                    if (!isFeasible(l, f, settings))
                        f.weightsReloading = 1;
                    if (isFeasible(l, f, settings))
                        out.push_back(f);
                }
    return out;
}

} // namespace

std::vector<FoldingAlternative> foldingAlternatives(const Evaluator& evaluator, std::size_t layer, std::size_t limit)
{
    std::vector<FoldingAlternative> all;
    if (layer >= evaluator.layerCount())
        return all;
    const Design& design = evaluator.design();
    const HardwareLayer& l = design.graph.layers[layer];
    const Folding current = design.folding[layer];
    // Each candidate evaluated alone, in the layer's partition as it stands.
    for (const Folding& f : candidateFoldings(l, current, design.settings)) {
        if (f == current) {
            all.push_back({f, evaluator.layerLatency(layer), evaluator.layerResources(layer).dsp, true});
            continue;
        }
        try {
            const LayerTrial t = evaluator.tryFolding(layer, f);
            all.push_back({f, t.cycles, t.resources.dsp, false});
        } catch (const std::exception&) {
            // a folding fpgaConvNet rejects is no alternative
        }
    }
    if (std::none_of(all.begin(), all.end(), [](const FoldingAlternative& a) { return a.current; }))
        all.push_back({current, evaluator.layerLatency(layer), evaluator.layerResources(layer).dsp, true});
    std::stable_sort(all.begin(), all.end(),
                     [](const FoldingAlternative& a, const FoldingAlternative& b) { return a.cycles < b.cycles; });
    if (limit < 2 || all.size() <= limit)
        return all;
    std::vector<FoldingAlternative> kept;
    kept.reserve(limit + 1);
    for (std::size_t k = 0; k < limit; ++k)
        kept.push_back(all[k * (all.size() - 1) / (limit - 1)]);
    if (std::none_of(kept.begin(), kept.end(), [](const FoldingAlternative& a) { return a.current; }))
        kept.push_back(*std::find_if(all.begin(), all.end(), [](const FoldingAlternative& a) { return a.current; }));
    std::stable_sort(kept.begin(), kept.end(),
                     [](const FoldingAlternative& a, const FoldingAlternative& b) { return a.cycles < b.cycles; });
    return kept;
}

} // namespace foldwise::fpgaconvnet
