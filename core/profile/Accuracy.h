#pragma once

#include "data/CalibrationReader.h"
#include "model/HostTensor.h"
#include "model/Model.h"
#include "profile/ReluThresholds.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace foldwise::sweep {

// How a model (with thresholds) classifies the calibration set: top-1 and top-5 against the
// labels where items have one, and "fidelity", top-1 agreement with reference predictions (the
// unmodified model's), for data without labels.
struct AccuracyResult {
    int64_t items = 0;
    int64_t labelled = 0;
    int64_t top1Correct = 0;
    int64_t top5Correct = 0;
    int64_t agreeing = 0;             // with the reference predictions, when given
    std::vector<int64_t> predictions; // top-1 class per item, in reading order

    std::optional<double> top1() const; // percent of the labelled items
    std::optional<double> top5() const;
    std::optional<double> fidelity() const; // percent agreeing, when a reference was given
    bool hasReference = false;
};

struct AccuracyOptions {
    std::size_t batchSize = 32;
    ReluThresholds thresholds;                       // Relu -> ThresholdedRelu(alpha = t)
    const std::vector<int64_t>* reference = nullptr; // top-1 predictions to compare with (same order)
    const std::atomic<bool>* cancel = nullptr;       // checked between batches (ExecutionCancelled)
};

// The k best classes of each of the first `items` rows of an items x classes score tensor,
// highest score first, ties to the lower class (argmax's rule): items x min(k, classes) class
// indices. Throws std::invalid_argument for a tensor that is not items x classes.
std::vector<int64_t> topClasses(const HostTensor& scores, std::size_t items, std::size_t k = 5);

// Accuracy from per-item rankings (`perItem` classes each, best first, as topClasses gives),
// the items' labels (-1: none) and optional reference predictions (same order). Throws
// std::invalid_argument when the lengths disagree.
AccuracyResult tallyAccuracy(const std::vector<int64_t>& ranking, std::size_t perItem, const std::vector<int64_t>& labels,
                             const std::vector<int64_t>* reference = nullptr);

// {"top1": .., "top5": .., "fidelity": ..} with the figures that exist (reports of the passes).
nlohmann::json accuracyJson(const AccuracyResult& accuracy);

// Runs `model` over the reader (rewound, to the end of its shard); the model's first output must
// be N x classes scores. Throws ModelError for other outputs, a reference of the wrong length,
// and what loading thresholds and running the model throw.
AccuracyResult measureAccuracy(const Model& model, CalibrationReader& reader, const AccuracyOptions& options = {});

} // namespace foldwise::sweep
