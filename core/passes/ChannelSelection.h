#pragma once

// Choosing the channels a structured pruning keeps in each prunable layer
// (domain reference section 5): channel scores, FINN-style SIMD groups, and the global, local
// and safe criteria at a rate or at the k-th step of the global order (what exact mode bisects).

#include "passes/ChannelFlow.h"
#include "passes/ChannelMasks.h"
#include "model/EnumNames.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::passes {

enum class PruneCriterion { Global, Local, Safe };
} // namespace foldwise::passes
template <>
inline constexpr std::array foldwise::enumNames<foldwise::passes::PruneCriterion> = {
    std::pair{foldwise::passes::PruneCriterion::Global, "global"}, std::pair{foldwise::passes::PruneCriterion::Local, "local"},
    std::pair{foldwise::passes::PruneCriterion::Safe, "safe"}};
namespace foldwise::passes {

// Per channel of a prunable layer: |gamma| of the BatchNormalization right after it, else the
// L1 norm of its filter (BN folded into the weights). `comparable` puts layers on one scale for
// a global threshold: |gamma| as it is, the L1 norm divided by the filter's size (a plain L1 norm
// grows with the fan-in, so one threshold would empty the layers with small filters first).
struct LayerScores {
    std::vector<double> channel;
    std::vector<double> comparable;
    std::string source; // "batchnorm_gamma" or "filter_l1"
};

std::vector<LayerScores> scoreChannels(const Model& model, const ChannelFlow& flow);

// A group of channels pruned together: one channel, or SIMD consecutive channels (FINN reads
// SIMD channels per cycle; a group is scored by the root mean square of its channels' scores,
// i.e. its L2 norm scaled so that groups of any SIMD compare on one threshold).
struct PruneUnit {
    std::size_t layer = 0;
    int64_t first = 0; // channels [first, first + size)
    int64_t size = 1;
    double score = 0;
};

// What may be pruned: per layer its units (ascending channel order) and whether the criterion
// lets it be pruned at all (safe: not on the residual trunk, not the stem).
class ChannelSelector {
public:
    // `simd`: one value per prunable layer (1 = channel by channel). Throws std::invalid_argument
    // when a SIMD value does not divide its layer's channels.
    ChannelSelector(const ChannelFlow& flow, std::vector<LayerScores> scores, PruneCriterion criterion,
                    std::vector<int64_t> simd);

    bool eligible(std::size_t layer) const { return eligible_[layer]; }
    const std::vector<LayerScores>& scores() const { return scores_; }
    // Units in the order the global criteria prune them (lowest score first), without each
    // layer's best unit: a layer always keeps at least one unit.
    std::size_t globalSteps() const { return globalOrder_.size(); }
    // The channels of the eligible layers.
    int64_t eligibleChannels() const;

    // Global/safe: the first `steps` units of the global order pruned.
    std::vector<ChannelMask> globalSelection(std::size_t steps) const;
    // Global/safe: the fewest steps that prune round(rate x eligible channels) channels.
    std::size_t stepsForRate(double rate) const;
    // The score of the last unit pruned after `steps` steps (0 when none): the threshold.
    double threshold(std::size_t steps) const;
    // Local: round(rate x units) of the lowest units of every eligible layer (at most all but one).
    std::vector<ChannelMask> localSelection(double rate) const;

private:
    std::vector<ChannelMask> full() const;

    const ChannelFlow& flow_;
    std::vector<LayerScores> scores_;
    std::vector<bool> eligible_;
    std::vector<std::vector<PruneUnit>> units_; // per layer, ascending channel order
    std::vector<PruneUnit> globalOrder_;
};

} // namespace foldwise::passes
