#include "sweep/Accuracy.h"

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

    AccuracyResult r;
    r.hasReference = options.reference != nullptr;
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
        const std::vector<double> s = scores.toDoubles();
        const auto classes = static_cast<std::size_t>(scores.dims()[1]);
        std::vector<std::size_t> order(classes);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const double* row = s.data() + i * classes;
            std::iota(order.begin(), order.end(), std::size_t(0));
            // Highest score first; ties keep the lower class (as argmax does).
            const std::size_t k = std::min<std::size_t>(5, classes);
            std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                              [&](std::size_t a, std::size_t b) { return row[a] > row[b] || (row[a] == row[b] && a < b); });
            const auto prediction = static_cast<int64_t>(order[0]);
            r.predictions.push_back(prediction);
            const int64_t label = batch.labels.empty() ? -1 : batch.labels[i];
            if (label >= 0) {
                ++r.labelled;
                r.top1Correct += prediction == label;
                r.top5Correct += std::any_of(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k),
                                             [&](std::size_t c) { return static_cast<int64_t>(c) == label; });
            }
            ++r.items;
        }
    }
    if (options.reference) {
        if (options.reference->size() != r.predictions.size())
            throw ModelError(file, "the reference predictions cover " + std::to_string(options.reference->size())
                                       + " items, the data " + std::to_string(r.predictions.size()));
        for (std::size_t i = 0; i < r.predictions.size(); ++i)
            r.agreeing += r.predictions[i] == (*options.reference)[i];
    }
    return r;
}

} // namespace foldwise::sweep
