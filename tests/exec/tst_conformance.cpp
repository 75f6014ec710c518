// ONNX's backend conformance cases (Debian's libonnx-testdata, data/node): every case whose
// nodes the executor supports is run on its recorded inputs and every output is compared with
// ONNX's expected values (|got - want| <= atol + rtol*|want|, rtol 1e-4, atol 1e-5).
#include "SkipOutsideCi.h"
#include "data/TensorProtoFile.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace foldwise;
namespace fs = std::filesystem;

namespace {

constexpr double kRtol = 1e-4;
constexpr double kAtol = 1e-5;

std::vector<fs::path> sortedFiles(const fs::path& dir, const std::string& prefix)
{
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind(prefix, 0) == 0 && e.path().extension() == ".pb")
            files.push_back(e.path());
    // input_10 sorts after input_9: order by the number.
    std::sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
        auto number = [&](const fs::path& p) { return std::stoi(p.stem().string().substr(prefix.size())); };
        return number(a) < number(b);
    });
    return files;
}

// "" when equal within tolerance, else a description of the first mismatch.
std::string compare(const HostTensor& got, const HostTensor& want)
{
    if (got.dims() != want.dims())
        return "shape " + got.describe() + " vs expected " + want.describe();
    if (got.type() != want.type())
        return "type " + got.describe() + " vs expected " + want.describe();
    const std::vector<double> g = got.toDoubles(), w = want.toDoubles();
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (std::isnan(w[i]) && std::isnan(g[i]))
            continue;
        if (std::isinf(w[i]) && g[i] == w[i])
            continue;
        if (!(std::fabs(g[i] - w[i]) <= kAtol + kRtol * std::fabs(w[i])))
            return "element " + std::to_string(i) + ": " + std::to_string(g[i]) + " vs expected " + std::to_string(w[i]);
    }
    return {};
}

} // namespace

class TestConformance : public QObject {
    Q_OBJECT
private slots:
    void supportedCasesMatchOnnx()
    {
        const fs::path root = "/usr/share/libonnx-testdata/data/node";
        if (!fs::exists(root))
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("libonnx-testdata is not installed"));
        std::vector<fs::path> cases;
        for (const auto& e : fs::directory_iterator(root))
            if (fs::exists(e.path() / "model.onnx") && fs::exists(e.path() / "test_data_set_0"))
                cases.push_back(e.path());
        std::sort(cases.begin(), cases.end());

        int passed = 0, unsupported = 0, unreadable = 0;
        std::map<std::string, int> unsupportedReasons;
        std::vector<std::string> failures;
        for (const fs::path& dir : cases) {
            const std::string name = dir.filename().string();
            std::shared_ptr<const Model> model;
            try {
                model = Model::load(dir / "model.onnx");
            } catch (const ModelError&) {
                ++unreadable;
                continue;
            }
            if (const auto reports = Executor::unsupportedNodes(*model); !reports.empty()) {
                ++unsupported;
                for (const auto& r : reports)
                    ++unsupportedReasons[r.opType + ": " + r.reason];
                continue;
            }
            const fs::path data = dir / "test_data_set_0";
            std::map<std::string, HostTensor> inputs;
            std::vector<HostTensor> expected;
            try {
                const auto inputFiles = sortedFiles(data, "input_");
                const auto& graphInputs = model->graph().inputs();
                if (inputFiles.size() != graphInputs.size()) {
                    ++unreadable; // optional inputs left out by name: not a plain case
                    continue;
                }
                for (std::size_t i = 0; i < inputFiles.size(); ++i)
                    inputs[model->graph().tensor(graphInputs[i]).name] = readTensorProto(inputFiles[i]).tensor;
                for (const fs::path& f : sortedFiles(data, "output_"))
                    expected.push_back(readTensorProto(f).tensor);
            } catch (const ModelError&) {
                ++unreadable; // sequences, optionals, strings
                continue;
            }
            try {
                Executor executor(model);
                const std::vector<HostTensor> outputs = executor.run(inputs);
                std::string problem;
                if (outputs.size() != expected.size())
                    problem = "output count";
                for (std::size_t i = 0; problem.empty() && i < outputs.size(); ++i)
                    if (std::string p = compare(outputs[i], expected[i]); !p.empty())
                        problem = "output " + std::to_string(i) + ": " + p;
                if (problem.empty())
                    ++passed;
                else
                    failures.push_back(name + ": " + problem);
            } catch (const std::exception& e) {
                failures.push_back(name + ": " + e.what());
            }
        }
        for (const auto& [reason, count] : unsupportedReasons)
            qInfo("unsupported (%d cases) %s", count, reason.c_str());
        for (const std::string& f : failures)
            qWarning("FAIL %s", f.c_str());
        qInfo("conformance: %zu cases, %d passed, %zu failed, %d with unsupported nodes, %d not plain tensor cases",
              cases.size(), passed, failures.size(), unsupported, unreadable);
        QVERIFY2(failures.empty(), "a supported conformance case disagrees with ONNX");
        QVERIFY(passed > 300);
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
