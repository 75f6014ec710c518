#pragma once

#include "model/Model.h"
#include "profile/ReluThresholds.h"

#include <string>
#include <vector>

namespace foldwise {
class ActivationProfile;
}

namespace foldwise::sweep {

// How much a threshold rises per step: `increment` itself, or (relative) that fraction of the
// ReLU's input spread (the largest pre-activation value in the profile), so that layers with
// large activations move as much as layers with small ones, in proportion.
struct ThresholdStep {
    double increment = 0.005; // the original scripts' THRESHOLD_INC
    bool relative = false;
};

// The ReLU and ThresholdedRelu nodes of a model, in graph order.
std::vector<std::string> reluNodes(const Model& model);

// The ReLUs whose outputs reach `node`'s data input (input 0) through layers that keep zeros
// where they were: Split, Concat, Add, MaxPool, AveragePool, Pad and shape-only nodes
// (Flatten, Reshape, Squeeze, Unsqueeze, Identity, Dropout), as the original slowest_node policy
// looks back. Each ReLU once, in graph order. Throws ModelError for an unknown node.
std::vector<std::string> relusFeeding(const Model& model, const std::string& node);

// The "uniform" policy: every ReLU's threshold rises by one step (ReLUs not yet listed start at 0).
ReluThresholds raiseUniform(const Model& model, const ReluThresholds& current, const ThresholdStep& step,
                            const ActivationProfile* profile = nullptr);

// The "slowest_node" policy: the thresholds of the ReLUs feeding `slowestNode` rise by one step,
// each at most once. Returns `current` unchanged when no ReLU feeds it.
ReluThresholds raiseFeeding(const Model& model, const ReluThresholds& current, const std::string& slowestNode,
                            const ThresholdStep& step, const ActivationProfile* profile = nullptr);

} // namespace foldwise::sweep
