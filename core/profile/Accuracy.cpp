#include "profile/Accuracy.h"

#include "exec/Executor.h"
#include "model/ModelError.h"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>

namespace foldwise::sweep {
namespace {

std::optional<double> percent(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return std::nullopt;
    return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

} // namespace

std::optional<double> AccuracyResult::top1() const
{
    return percent(top1Correct, labelled);
}

std::optional<double> AccuracyResult::top5() const
{
    return percent(top5Correct, labelled);
}

std::optional<double> AccuracyResult::fidelity() const
{
    return hasReference ? percent(agreeing, items) : std::nullopt;
}

std::vector<int64_t> topClasses(const HostTensor& scores, std::size_t items, std::size_t k)
{
    if (scores.rank() != 2 || scores.dims()[0] < static_cast<int64_t>(items) || scores.dims()[1] < 1)
        throw std::invalid_argument("the first output is " + scores.describe() + ", not items x classes scores");
    const std::vector<double> s = scores.asRowMajor().toDoubles();
    const auto classes = static_cast<std::size_t>(scores.dims()[1]);
    const std::size_t kept = std::min(k, classes);
    std::vector<int64_t> ranking;
    ranking.reserve(items * kept);
    std::vector<std::size_t> order(classes);
    for (std::size_t i = 0; i < items; ++i) {
        const double* row = s.data() + i * classes;
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                          [&](std::size_t a, std::size_t b) { return row[a] > row[b] || (row[a] == row[b] && a < b); });
        for (std::size_t j = 0; j < kept; ++j)
            ranking.push_back(static_cast<int64_t>(order[j]));
    }
    return ranking;
}

AccuracyResult tallyAccuracy(const std::vector<int64_t>& ranking, std::size_t perItem, const std::vector<int64_t>& labels,
                             const std::vector<int64_t>* reference)
{
    if (perItem == 0 || ranking.size() != labels.size() * perItem)
        throw std::invalid_argument("tallyAccuracy: " + std::to_string(ranking.size()) + " ranked classes for "
                                    + std::to_string(labels.size()) + " items of " + std::to_string(perItem));
    AccuracyResult r;
    r.hasReference = reference != nullptr;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto best = ranking.begin() + static_cast<std::ptrdiff_t>(i * perItem);
        r.predictions.push_back(*best);
        if (labels[i] >= 0) {
            ++r.labelled;
            r.top1Correct += *best == labels[i];
            r.top5Correct += std::find(best, best + static_cast<std::ptrdiff_t>(perItem), labels[i]) != best + static_cast<std::ptrdiff_t>(perItem);
        }
        ++r.items;
    }
    if (reference) {
        if (reference->size() != r.predictions.size())
            throw std::invalid_argument("the reference predictions cover " + std::to_string(reference->size())
                                        + " items, the data " + std::to_string(r.predictions.size()));
        for (std::size_t i = 0; i < r.predictions.size(); ++i)
            r.agreeing += r.predictions[i] == (*reference)[i];
    }
    return r;
}

nlohmann::json accuracyJson(const AccuracyResult& a)
{
    nlohmann::json j = nlohmann::json::object();
    if (a.top1())
        j["top1"] = *a.top1();
    if (a.top5())
        j["top5"] = *a.top5();
    if (a.fidelity())
        j["fidelity"] = *a.fidelity();
    return j;
}

AccuracyResult measureAccuracy(const Model& model, CalibrationReader& reader, const AccuracyOptions& options)
{
    const std::string file = model.file().string();
    if (options.batchSize == 0)
        throw std::invalid_argument("measureAccuracy: the batch size must be positive");
    const Graph& g = model.graph();
    if (g.inputs().size() != 1 || g.outputs().empty())
        throw ModelError(file, "accuracy needs a model with one input and a score output");
    const std::string inputName = g.tensor(g.inputs()[0]).name;
    const std::vector<int64_t> itemDims = reader.source().itemDims();
    const auto withBatch = [&](std::size_t n) {
        std::vector<int64_t> dims{static_cast<int64_t>(n)};
        dims.insert(dims.end(), itemDims.begin(), itemDims.end());
        return std::vector<InputShapeOverride>{{inputName, dims}};
    };
    std::shared_ptr<const Model> base;
    if (options.thresholds.empty()) {
        base = model.reshaped(withBatch(1));
    } else {
        LoadOptions load = model.options();
        load.inputShapes = withBatch(1);
        base = loadWithReluThresholds(model, options.thresholds, load);
    }
    std::map<std::size_t, std::unique_ptr<Executor>> executors; // by batch size
    const auto executorFor = [&](std::size_t n) -> Executor& {
        std::unique_ptr<Executor>& e = executors[n];
        if (!e)
            e = std::make_unique<Executor>(base->reshaped(withBatch(n)));
        return *e;
    };

    std::vector<int64_t> ranking, labels;
    std::size_t perItem = 0;
    reader.rewind();
    while (!reader.atEnd()) {
        if (options.cancel && options.cancel->load())
            throw ExecutionCancelled();
        const CalibrationBatch batch = reader.next(options.batchSize);
        if (batch.empty())
            continue;
        const HostTensor scores = executorFor(batch.size()).run({{inputName, batch.inputs}})[0];
        if (scores.rank() != 2 || scores.dims()[0] != static_cast<int64_t>(batch.size()) || scores.dims()[1] < 1)
            throw ModelError(file, "the first output is " + scores.describe() + ", not items x classes scores");
        const std::vector<int64_t> top = topClasses(scores, batch.size());
        perItem = top.size() / batch.size();
        ranking.insert(ranking.end(), top.begin(), top.end());
        for (std::size_t i = 0; i < batch.size(); ++i)
            labels.push_back(batch.labels.empty() ? -1 : batch.labels[i]);
    }
    if (labels.empty()) {
        AccuracyResult empty;
        empty.hasReference = options.reference != nullptr;
        if (options.reference && !options.reference->empty())
            throw ModelError(file, "the reference predictions cover " + std::to_string(options.reference->size()) + " items, the data 0");
        return empty;
    }
    try {
        return tallyAccuracy(ranking, perItem, labels, options.reference);
    } catch (const std::invalid_argument& e) {
        throw ModelError(file, e.what());
    }
}

} // namespace foldwise::sweep
