// Background tasks: the UI keeps answering while a real profile of the example runs, cancelling
// leaves the project and the output folder as they were, queued tasks run one at a time in
// order, failures carry their error, a cancelled sweep leaves a run directory that a second run
// continues, and the task panel lists and cancels tasks.

#include "MainWindow.h"
#include "ModelDocument.h"
#include "Preferences.h"
#include "WorkbenchSession.h"
#include "dialogs/EvaluateDialog.h"
#include "dialogs/OptimiseDialog.h"
#include "dialogs/InduceDialog.h"
#include "dialogs/PassDialog.h"
#include "dialogs/PreferencesDialog.h"
#include "dialogs/ProfileDialog.h"
#include "dialogs/PruneDialog.h"
#include "dialogs/SweepDialog.h"
#include "dialogs/TaskDialogContext.h"
#include "project/Project.h"
#include "tasks/OperationTask.h"
#include "tasks/PassMenu.h"
#include "tasks/Task.h"
#include "tasks/TaskLauncher.h"
#include "tasks/TaskListModel.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskPanel.h"

#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Fidelity.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "layers/ModelSummary.h"
#include "ops/PassOperations.h"
#include "passes/StructuredPruning.h"
#include "profile/ProfileFile.h"

#include "FreshMainWindow.h"
#include "TestSettings.h"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QLabel>
#include <QLineEdit>
#include <QFile>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <fstream>
#include <memory>

using namespace foldwise::gui;

namespace {

const QString kExampleDir = QStringLiteral(FOLDWISE_SOURCE_DIR "/resources/example/");
const QString kModel = kExampleDir + QStringLiteral("digits_cnn.onnx");
const QString kData = kExampleDir + QStringLiteral("digits_calib.npy");
const QString kLabels = kExampleDir + QStringLiteral("digits_calib_labels.npy");
// Enough items of the example's 1x8x8 input that profiling them takes a while.
const QString kSlowData = QStringLiteral("synthetic:2000000:7");
constexpr int kTimeoutMs = 300'000;
const QString kReluF1 = QStringLiteral("/features/features.1/Relu"); // 16 x 8 x 8
const QString kReluF3 = QStringLiteral("/features/features.3/Relu"); // 32 x 8 x 8

nlohmann::json readJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

// The tasks the tests start, as the dialogs would make them.
OperationTask* profileTask(const QString& model, const QString& data, const QString& labels, std::uint64_t limit,
                           const QString& output)
{
    foldwise::ops::ProfileParameters p;
    p.model = model.toStdString();
    p.data = data.toStdString();
    p.labels = labels.toStdString();
    p.limit = limit;
    p.output = output.toStdString();
    return operationTask(foldwise::ops::profileOperation(), p);
}

OperationTask* passTask(const foldwise::ops::Operation& operation, const QString& model, const QString& output,
                        const QString& report)
{
    foldwise::ops::PassParameters p;
    p.model = model.toStdString();
    p.output = output.toStdString();
    p.report = report.toStdString();
    return operationTask(operation, p);
}

// fpgaConvNet's greedy optimiser at batch 1, native cost model.
OperationTask* greedyOptimiseTask(const QString& model, const QString& platform, const QString& output)
{
    foldwise::ops::OptimiseParameters p;
    p.model = model.toStdString();
    p.platform = platform.toStdString();
    p.optimiser = "greedy";
    p.outputDir = output.toStdString();
    return operationTask(foldwise::ops::optimiseOperation(), p);
}

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

int64_t nodesOfType(const foldwise::Model& model, const std::string& op)
{
    int64_t n = 0;
    for (const foldwise::Node& node : model.graph().nodes())
        n += node.opType == op;
    return n;
}


} // namespace

// Spins the event loop until the task ended (QTRY_* returns from the test function on timeout).
#define WAIT_FINISHED(task) QTRY_VERIFY_WITH_TIMEOUT((task)->isFinished(), kTimeoutMs)

// Starts the task `task` (evaluated once) and waits for it to finish successfully (failing with
// its error message otherwise).
#define RUN_TO_DONE(task) \
    do { \
        Task* const started = (task); \
        launcher()->start(started); \
        WAIT_FINISHED(started); \
        QVERIFY2(started->status() == Task::Status::Done, qPrintable(started->errorMessage())); \
    } while (false)

class TestTasks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void profileRunsWhileTheUiAnswers();
    void cancelledProfileLeavesProjectConsistent();
    void queuedTasksRunOneAtATimeInOrder();
    void cancelledQueuedTaskNeverRuns();
    void failedTasksReportTheirError();
    void cancelledSweepLeavesResumableRunDirectory();
    void shutdownStopsRunningTasks();
    void panelListsAndCancelsTasks();
    void pruneTaskWritesThePrunedModelReportAndRecipe();
    void induceTaskWritesTheInducedModelAndChoosingMaps();
    void passDialogsCreateTheirTasks();
    void dialogsStartFromSensibleDefaults();
    void dialogsRefuseSettingsThatCannotRun();
    void preferencesAreStored();
    void optimiseOffersCostModelAndGain();
    void evaluateOffersCostModelAndFidelity();
    void sweepStartsFromAFixedDesign();

private:
    Project* project() const { return window_->session()->project(); }
    TaskLauncher* launcher() const { return window_->session()->tasks(); }
    TaskManager* manager() const { return launcher()->manager(); }
    QString output(const QString& name) const { return dir_->filePath(name); }
    // Files in the output folder, to check that nothing (no temporary file either) was left.
    QStringList outputFiles() const { return QDir(dir_->path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot); }

    std::unique_ptr<MainWindow> window_;
    std::unique_ptr<QTemporaryDir> dir_;
};

void TestTasks::initTestCase()
{
    fixtures::useTestSettings(QStringLiteral("tst_tasks"));
    QVERIFY2(QFileInfo::exists(kModel), qPrintable(kModel));
}

void TestTasks::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    window_ = fixtures::freshMainWindow();
    QVERIFY(window_->openFile(kModel));
}

void TestTasks::cleanup()
{
    window_.reset(); // its task manager cancels and waits for anything still running
    dir_.reset();
}

void TestTasks::profileRunsWhileTheUiAnswers()
{
    auto* task = profileTask(kModel, kData, kLabels, 0, output(QStringLiteral("profile.json")));
    QSignalSpy progress(task, &Task::progressChanged);
    QSignalSpy added(project(), &Project::artifactAdded);
    int ticksWhileRunning = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (task->status() == Task::Status::Running)
            ++ticksWhileRunning;
    });
    timer.start(5);
    launcher()->start(task);
    QCOMPARE(task->status(), Task::Status::Running); // a free slot: started at once
    WAIT_FINISHED(task);
    QCOMPARE(task->status(), Task::Status::Done);
    // The GUI thread's timer fired while the profile ran on the worker.
    QVERIFY2(ticksWhileRunning > 0, "the event loop did not run while the task was running");
    QVERIFY(progress.count() > 0);
    QCOMPARE(task->progress(), 1.0);
    QVERIFY(task->elapsedMs() > 0);

    const auto profile = foldwise::readProfile(QFile::encodeName(output(QStringLiteral("profile.json"))).toStdString());
    QCOMPARE(profile.provenance.items, int64_t(450));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(1).toString(), output(QStringLiteral("profile.json")));
    QCOMPARE(project()->artifacts(ArtifactKind::Profile).size(), 1);
    QVERIFY(project()->isModified());
    QVERIFY(window_->statusBar()->currentMessage().contains(QStringLiteral("profile.json")));
    QVERIFY(task->log().join(QLatin1Char('\n')).contains(QStringLiteral("Network sparsity")));
}

void TestTasks::cancelledProfileLeavesProjectConsistent()
{
    const QString file = output(QStringLiteral("cancelled.json"));
    auto* task = profileTask(kModel, kSlowData, QString(), 0, file);
    QSignalSpy added(project(), &Project::artifactAdded);
    launcher()->start(task);
    QTRY_VERIFY_WITH_TIMEOUT(task->progress() > 0, kTimeoutMs); // well under way
    manager()->cancel(task);
    WAIT_FINISHED(task);
    QCOMPARE(task->status(), Task::Status::Cancelled);
    QVERIFY(task->progress() < 1.0);
    QVERIFY(task->outputs().isEmpty());
    QCOMPARE(added.count(), 0);
    QVERIFY(project()->artifacts().isEmpty());
    QVERIFY2(outputFiles().isEmpty(), qPrintable(outputFiles().join(QLatin1String(", "))));
    QVERIFY(window_->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
}

void TestTasks::queuedTasksRunOneAtATimeInOrder()
{
    QCOMPARE(manager()->maxConcurrent(), 1);
    QList<Task*> tasks{
        passTask(foldwise::ops::fuseReluOperation(), kModel, output(QStringLiteral("fused.onnx")), output(QStringLiteral("fused.json"))),
        profileTask(kModel, kData, QString(), 100, output(QStringLiteral("profile.json"))),
        greedyOptimiseTask(kModel, QStringLiteral("zcu102"), output(QStringLiteral("design"))),
    };
    QList<Task*> started;
    int mostRunning = 0;
    for (Task* task : tasks)
        connect(task, &Task::statusChanged, this, [&, task](Task::Status status) {
            if (status == Task::Status::Running)
                started.append(task);
            mostRunning = std::max(mostRunning, manager()->runningCount());
        });
    for (Task* task : tasks)
        launcher()->start(task);
    QCOMPARE(tasks[1]->status(), Task::Status::Queued);
    QCOMPARE(tasks[2]->status(), Task::Status::Queued);
    QCOMPARE(manager()->activeCount(), 3);
    for (Task* task : tasks)
        WAIT_FINISHED(task);
    for (Task* task : tasks)
        QVERIFY2(task->status() == Task::Status::Done, qPrintable(task->errorMessage()));
    QCOMPARE(started, tasks);
    QCOMPARE(mostRunning, 1);

    // Outputs were added in the order the tasks finished.
    const QList<Artifact> artifacts = project()->artifacts();
    QCOMPARE(artifacts.size(), 4);
    QCOMPARE(artifacts[0].kind, ArtifactKind::Model);
    QCOMPARE(artifacts[0].path, output(QStringLiteral("fused.onnx")));
    QCOMPARE(artifacts[1].kind, ArtifactKind::Profile);
    QCOMPARE(artifacts[2].kind, ArtifactKind::Design);
    QCOMPARE(artifacts[2].path, QDir(output(QStringLiteral("design"))).filePath(QStringLiteral("design.json")));
    QCOMPARE(artifacts[3].kind, ArtifactKind::FoldingConfig);
    for (const Artifact& a : artifacts)
        QVERIFY2(QFileInfo::exists(a.path), qPrintable(a.path));
    QVERIFY(QFileInfo::exists(output(QStringLiteral("fused.json"))));
}

void TestTasks::cancelledQueuedTaskNeverRuns()
{
    auto* slow = profileTask(kModel, kSlowData, QString(), 0, output(QStringLiteral("slow.json")));
    auto* queued = profileTask(kModel, kData, QString(), 0, output(QStringLiteral("queued.json")));
    QSignalSpy statuses(queued, &Task::statusChanged);
    launcher()->start(slow);
    launcher()->start(queued);
    QCOMPARE(queued->status(), Task::Status::Queued);
    manager()->cancel(queued);
    QCOMPARE(queued->status(), Task::Status::Cancelled); // at once, without waiting for the slot
    QCOMPARE(statuses.count(), 1);
    QCOMPARE(queued->elapsedMs(), qint64(0));
    manager()->cancel(slow);
    WAIT_FINISHED(slow);
    QCOMPARE(slow->status(), Task::Status::Cancelled);
    QCOMPARE(statuses.count(), 1); // never ran after the slot became free
    QVERIFY(outputFiles().isEmpty());
    QVERIFY(project()->artifacts().isEmpty());
}

void TestTasks::failedTasksReportTheirError()
{
    // The example has no BatchNormalization: the pass has nothing to do and says why.
    auto* fold = passTask(foldwise::ops::foldBatchNormOperation(), kModel, output(QStringLiteral("folded.onnx")), {});
    auto* missing = profileTask(kModel, output(QStringLiteral("no-such-data.npy")), QString(), 0, output(QStringLiteral("p.json")));
    auto* platform = greedyOptimiseTask(kModel, QStringLiteral("no-such-board"), output(QStringLiteral("d")));
    for (Task* task : {static_cast<Task*>(fold), static_cast<Task*>(missing), static_cast<Task*>(platform)})
        launcher()->start(task);
    for (Task* task : {static_cast<Task*>(fold), static_cast<Task*>(missing), static_cast<Task*>(platform)}) {
        WAIT_FINISHED(task);
        QCOMPARE(task->status(), Task::Status::Failed);
        QVERIFY(task->outputs().isEmpty());
        QVERIFY(task->log().last().contains(task->errorMessage()));
    }
    QVERIFY2(fold->errorMessage().contains(QStringLiteral("nothing to fold")), qPrintable(fold->errorMessage()));
    QVERIFY2(missing->errorMessage().contains(QStringLiteral("no-such-data.npy")), qPrintable(missing->errorMessage()));
    QVERIFY2(platform->errorMessage().contains(QStringLiteral("no-such-board")), qPrintable(platform->errorMessage()));
    QVERIFY(window_->statusBar()->currentMessage().contains(QStringLiteral("failed")));
    QVERIFY(project()->artifacts().isEmpty());
    QVERIFY(outputFiles().isEmpty());
    // The panel's tooltip carries the error too.
    const QModelIndex status = launcher()->panel()->model()->indexOf(fold, TaskListModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Failed"));
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), fold->errorMessage());
}

void TestTasks::cancelledSweepLeavesResumableRunDirectory()
{
    foldwise::ops::SweepParameters settings;
    settings.model = kModel.toStdString();
    settings.data = kData.toStdString();
    settings.labels = kLabels.toStdString();
    settings.platform = "zcu102";
    settings.increment = 0.05;
    settings.iterations = 3;
    settings.outputDir = output(QStringLiteral("sweep")).toStdString();
    auto* first = operationTask(foldwise::ops::sweepOperation(), settings);
    launcher()->start(first);
    // Cancelled once iteration 0 is in the run directory.
    QTRY_VERIFY_WITH_TIMEOUT(first->progress() > 0, kTimeoutMs);
    manager()->cancel(first);
    WAIT_FINISHED(first);
    QCOMPARE(first->status(), Task::Status::Cancelled);
    QVERIFY(project()->artifacts().isEmpty());
    const QString runDirectory = text(settings.outputDir);
    QVERIFY(QFileInfo::exists(QDir(runDirectory).filePath(QStringLiteral("manifest.json"))));
    QVERIFY(QFileInfo::exists(QDir(runDirectory).filePath(QStringLiteral("summary.csv"))));

    // The dialogs read the same settings back from the run directory.
    foldwise::ops::SweepParameters read;
    read.resume = settings.outputDir;
    foldwise::ops::fillFromRunDirectory(read);
    QCOMPARE(QFileInfo(text(read.model)).canonicalFilePath(), QFileInfo(kModel).canonicalFilePath());
    QCOMPARE(read.platform, settings.platform);
    QCOMPARE(read.increment, settings.increment);
    QCOMPARE(read.iterations, settings.iterations);

    read.resume.clear();
    read.outputDir = settings.outputDir;
    auto* second = operationTask(foldwise::ops::sweepOperation(), read);
    launcher()->start(second);
    WAIT_FINISHED(second);
    QVERIFY2(second->status() == Task::Status::Done, qPrintable(second->errorMessage()));
    QFile summary(QDir(runDirectory).filePath(QStringLiteral("summary.csv")));
    QVERIFY(summary.open(QIODevice::ReadOnly));
    const QByteArray rows = summary.readAll().trimmed();
    QCOMPARE(rows.count('\n') + 1, 1 + 4); // header, iterations 0..3 (no iteration twice)
    QCOMPARE(project()->artifacts(ArtifactKind::RunLog).size(), 1);
}

void TestTasks::shutdownStopsRunningTasks()
{
    auto* slow = profileTask(kModel, kSlowData, QString(), 0, output(QStringLiteral("slow.json")));
    auto* next = profileTask(kModel, kData, QString(), 0, output(QStringLiteral("next.json")));
    launcher()->start(slow);
    launcher()->start(next);
    QTRY_VERIFY_WITH_TIMEOUT(slow->progress() > 0, kTimeoutMs);
    QVERIFY(window_->session()->prepareToClose()); // no dialogs: cancels and waits
    QCOMPARE(slow->status(), Task::Status::Cancelled);
    QCOMPARE(next->status(), Task::Status::Cancelled);
    QCOMPARE(manager()->activeCount(), 0);
    QVERIFY(outputFiles().isEmpty());
}

void TestTasks::panelListsAndCancelsTasks()
{
    TaskPanel* panel = launcher()->panel();
    TaskListModel* model = panel->model();
    auto* slow = profileTask(kModel, kSlowData, QString(), 0, output(QStringLiteral("slow.json")));
    launcher()->start(slow);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(panel->selectedTask(), slow); // a new task is selected, its log shown
    QCOMPARE(model->index(0, TaskListModel::DescriptionColumn).data().toString(), slow->description());
    QCOMPARE(model->index(0, TaskListModel::StatusColumn).data().toString(), QStringLiteral("Running"));
    auto* cancel = panel->findChild<QPushButton*>(QStringLiteral("cancelTask"));
    QVERIFY(cancel);
    QVERIFY(cancel->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(slow->progress() > 0, kTimeoutMs);
    QVERIFY(model->index(0, TaskListModel::ProgressColumn).data(TaskListModel::ProgressRole).toDouble() > 0);
    cancel->click();
    WAIT_FINISHED(slow);
    QCOMPARE(model->index(0, TaskListModel::StatusColumn).data().toString(), QStringLiteral("Cancelled"));
    QVERIFY(!cancel->isEnabled());
    auto* log = panel->findChild<QPlainTextEdit*>(QStringLiteral("taskLog"));
    QVERIFY(log);
    QVERIFY(log->toPlainText().contains(QStringLiteral("Cancelled.")));
    manager()->clearFinished();
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(log->toPlainText().isEmpty());
}

// The GUI's pruning is the engine's: the same channels go (the parameter count of the written
// model is that of pruneChannels on the same options), and the report carries the hardware and
// accuracy comparisons the CLI's does; the recipe names the pruned layers' weights.
void TestTasks::pruneTaskWritesThePrunedModelReportAndRecipe()
{
    foldwise::ops::PruneParameters prune;
    prune.model = kModel.toStdString();
    prune.output = output(QStringLiteral("pruned.onnx")).toStdString();
    prune.report = output(QStringLiteral("pruned.json")).toStdString();
    prune.rate = 0.25;
    prune.given = {"rate"};
    prune.data = kData.toStdString();
    prune.labels = kLabels.toStdString();
    prune.recipe = output(QStringLiteral("pruned.yaml")).toStdString();
    RUN_TO_DONE(operationTask(foldwise::ops::pruneOperation(), prune));

    const auto original = foldwise::Model::load(kModel.toStdString());
    foldwise::passes::PruningOptions options;
    options.rate = 0.25;
    const foldwise::passes::PassResult direct = foldwise::passes::pruneChannels(*original, options);
    const auto written = foldwise::Model::load(output(QStringLiteral("pruned.onnx")).toStdString());
    const int64_t params = foldwise::summariseModel(*written).totals.params;
    QCOMPARE(params, foldwise::summariseModel(*direct.model).totals.params);
    QVERIFY(params < foldwise::summariseModel(*original).totals.params);

    const nlohmann::json report = readJson(output(QStringLiteral("pruned.json")));
    QCOMPARE(report["pass"].get<std::string>(), std::string("prune"));
    QCOMPARE(report["params"]["after"].get<int64_t>(), params);
    QVERIFY(report["hardware"]["fpgaconvnet"]["after"].contains("interval_cycles"));
    QVERIFY(report["hardware"]["finn"]["after"].contains("max_cycles"));
    QCOMPARE(report["accuracy"]["items"].get<int64_t>(), int64_t(450));
    QVERIFY(report["accuracy"]["after"].contains("fidelity"));

    QFile recipe(text(prune.recipe));
    QVERIFY(recipe.open(QIODevice::ReadOnly));
    const QByteArray text = recipe.readAll();
    QVERIFY2(text.contains("!StructuredPruningModifier"), text.constData());
    QCOMPARE(project()->artifacts().size(), 1);
    QCOMPARE(project()->artifacts()[0].path, output(QStringLiteral("pruned.onnx")));
}

// Inducer features.1 decides the signs of itself and features.3 with 64 prototypes: both ReLUs
// are replaced by the induced masks in the written model, and the prototypes and choosing maps
// for training are written and listed in the report.
void TestTasks::induceTaskWritesTheInducedModelAndChoosingMaps()
{
    const QString mapping = output(QStringLiteral("mapping.json"));
    {
        QFile file(mapping);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("{\"%1\": [\"%1\", \"%2\"]}").arg(kReluF1, kReluF3).toUtf8());
    }
    foldwise::ops::InduceParameters induce;
    induce.model = kModel.toStdString();
    induce.output = output(QStringLiteral("induced.onnx")).toStdString();
    induce.report = output(QStringLiteral("induced.json")).toStdString();
    induce.mapping = mapping.toStdString();
    induce.prototypes = {64};
    induce.data = kData.toStdString();
    induce.labels = kLabels.toStdString();
    induce.choosingDir = output(QStringLiteral("choosing")).toStdString();
    RUN_TO_DONE(operationTask(foldwise::ops::induceOperation(), induce));

    const auto original = foldwise::Model::load(kModel.toStdString());
    const auto written = foldwise::Model::load(output(QStringLiteral("induced.onnx")).toStdString());
    // Both ReLUs of the mapping (the inducer induces itself too) become masks; the others stay.
    QCOMPARE(nodesOfType(*written, "Relu"), nodesOfType(*original, "Relu") - 2);
    for (const foldwise::Node& node : written->graph().nodes())
        if (node.opType == "Relu")
            QVERIFY2(node.name != kReluF1.toStdString() && node.name != kReluF3.toStdString(), node.name.c_str());
    const nlohmann::json report = readJson(output(QStringLiteral("induced.json")));
    QCOMPARE(report["pass"].get<std::string>(), std::string("induce"));
    QCOMPARE(report["inducers"][0]["prototypes"].get<int64_t>(), int64_t(64));
    QVERIFY(report.contains("choosing_maps"));
    QVERIFY(QFileInfo::exists(QDir(text(induce.choosingDir)).filePath(QStringLiteral("choosing.json"))));
    QVERIFY(report["accuracy"]["after"].contains("fidelity"));
}

// The Tasks menu offers all four passes; the prune and induce dialogs start from sensible
// defaults, refuse what cannot run, and make tasks with what they show.
void TestTasks::passDialogsCreateTheirTasks()
{
    QStringList menu;
    for (const QAction* action : launcher()->menu()->actions())
        menu << action->text();
    for (const PassKind& pass : availablePasses())
        QVERIFY2(menu.contains(pass.title), qPrintable(pass.title));
    QCOMPARE(availablePasses().size(), 4);

    TaskDialogContext here = launcher()->dialogContext();
    here.outputFolder = dir_->path();
    QCOMPARE(here.parameters, qint64(22954));
    PruneDialog prune(QStringLiteral("Prune"), here);
    QCOMPARE(text(prune.passParameters().output), output(QStringLiteral("digits_cnn_pruned.onnx")));
    QCOMPARE(prune.findChild<QSpinBox*>(QStringLiteral("parameters"))->value(), 22954 / 2);
    prune.findChild<QRadioButton*>(QStringLiteral("byParameters"))->setChecked(true);
    prune.findChild<QLineEdit*>(QStringLiteral("simd"))->setText(QStringLiteral("4, x"));
    prune.findChild<QCheckBox*>(QStringLiteral("measureAccuracy"))->setChecked(false);
    prune.accept();
    QCOMPARE(prune.result(), int(QDialog::Rejected));
    QVERIFY(prune.findChild<QLabel*>(QStringLiteral("problem"))->text().contains(QStringLiteral("SIMD")));
    prune.findChild<QLineEdit*>(QStringLiteral("simd"))->setText(QStringLiteral("4"));
    prune.accept();
    QCOMPARE(prune.result(), int(QDialog::Accepted));
    const std::unique_ptr<OperationTask> pruneTask = prune.createTask();
    QVERIFY(pruneTask);
    QCOMPARE(pruneTask->operation().id(), std::string("prune"));
    const auto& pruning = pruneTask->parametersAs<foldwise::ops::PruneParameters>();
    QVERIFY(!pruning.wasGiven("rate"));
    QVERIFY(pruning.wasGiven("target_params"));
    QCOMPARE(pruning.targetParams, int64_t(22954 / 2));
    QCOMPARE(pruning.simd, std::vector<int64_t>{4});
    QVERIFY(pruning.data.empty());

    const QString mapping = output(QStringLiteral("one_inducer.json"));
    {
        QFile file(mapping);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("{\"%1\": [\"%1\", \"%2\"]}").arg(kReluF1, kReluF3).toUtf8());
    }
    InduceDialog induce(QStringLiteral("Induce"), here);
    QCOMPARE(text(induce.passParameters().output), output(QStringLiteral("digits_cnn_induced.onnx")));
    induce.findChild<QWidget*>(QStringLiteral("mappingPath"))->findChild<QLineEdit*>()->setText(mapping);
    induce.findChild<QWidget*>(QStringLiteral("dataPath"))->findChild<QLineEdit*>()->setText(kData);
    induce.findChild<QLineEdit*>(QStringLiteral("prototypes"))->setText(QStringLiteral("64, 32"));
    induce.accept();
    QCOMPARE(induce.result(), int(QDialog::Rejected));
    const QString problem = induce.findChild<QLabel*>(QStringLiteral("problem"))->text();
    QVERIFY2(problem.contains(QStringLiteral("1 inducer")), qPrintable(problem));
    induce.findChild<QLineEdit*>(QStringLiteral("prototypes"))->setText(QStringLiteral("64"));
    induce.accept();
    QCOMPARE(induce.result(), int(QDialog::Accepted));
    const std::unique_ptr<OperationTask> induceTask = induce.createTask();
    QVERIFY(induceTask);
    QCOMPARE(induceTask->operation().id(), std::string("induce"));
    const auto& inducing = induceTask->parametersAs<foldwise::ops::InduceParameters>();
    QCOMPARE(inducing.prototypes, std::vector<int64_t>{64});
    QCOMPARE(text(inducing.mapping), mapping);
}

void TestTasks::dialogsStartFromSensibleDefaults()
{
    const TaskDialogContext context = launcher()->dialogContext();
    QCOMPARE(context.model, kModel);
    QCOMPARE(context.outputFolder, QFileInfo(kModel).absolutePath()); // beside the model
    QCOMPARE(context.stem, QStringLiteral("digits_cnn"));

    TaskDialogContext here = context;
    here.outputFolder = dir_->path();
    ProfileDialog profile(here);
    QCOMPARE(text(profile.parameters().output), output(QStringLiteral("digits_cnn_profile.json")));
    QCOMPARE(text(profile.parameters().data), QStringLiteral("synthetic:64"));
    // An existing file is never the default: the next free number is.
    QVERIFY(QFile(output(QStringLiteral("digits_cnn_profile.json"))).open(QIODevice::WriteOnly));
    QCOMPARE(text(ProfileDialog(here).parameters().output), output(QStringLiteral("digits_cnn_profile_2.json")));

    // The platforms are the bundled ones; the project's newest profile is preselected.
    here.profiles = {output(QStringLiteral("old.json")), output(QStringLiteral("new.json"))};
    OptimiseDialog optimise(here);
    auto* platforms = optimise.findChild<QComboBox*>(QStringLiteral("platform"));
    QVERIFY(platforms);
    QVERIFY(platforms->findData(QStringLiteral("zcu102")) >= 0);
    QVERIFY(platforms->findData(QStringLiteral("pynq-z1")) >= 0);
    const foldwise::ops::OptimiseParameters o = optimise.parameters();
    QCOMPARE(text(o.platform), QStringLiteral("zcu102"));
    QCOMPARE(text(o.profile), output(QStringLiteral("new.json")));
    QCOMPARE(o.optimiser, std::string("annealing"));
    QCOMPARE(text(o.outputDir), output(QStringLiteral("digits_cnn_design_zcu102")));

    SweepDialog sweep(here);
    const foldwise::ops::SweepParameters s = sweep.parameters();
    QVERIFY(s.policy == foldwise::sweep::PolicyKind::Uniform);
    QVERIFY(s.mode == foldwise::sweep::HardwareMode::Fixed);
    QCOMPARE(s.iterations, 10);
    QCOMPARE(s.increment, 0.005);
    QVERIFY(s.maxDrop < 0);
    QCOMPARE(text(s.outputDir), output(QStringLiteral("digits_cnn_sweep")));

    PassDialog pass(QStringLiteral("Fuse"), QStringLiteral("fused"), here);
    QVERIFY(!pass.createTask()); // no operation given
    QCOMPARE(text(pass.passParameters().output), output(QStringLiteral("digits_cnn_fused.onnx")));
    QVERIFY(pass.passParameters().report.empty());
}

void TestTasks::dialogsRefuseSettingsThatCannotRun()
{
    TaskDialogContext here = launcher()->dialogContext();
    here.outputFolder = dir_->path();
    ProfileDialog profile(here);
    profile.findChild<QWidget*>(QStringLiteral("dataPath"))->findChild<QLineEdit*>()->setText(output(QStringLiteral("none.npy")));
    profile.accept();
    QCOMPARE(profile.result(), int(QDialog::Rejected)); // still open
    auto* problem = profile.findChild<QLabel*>(QStringLiteral("problem"));
    QVERIFY(problem && !problem->isHidden());
    QVERIFY2(problem->text().contains(QStringLiteral("none.npy")), qPrintable(problem->text()));
    profile.findChild<QWidget*>(QStringLiteral("dataPath"))->findChild<QLineEdit*>()->setText(kData);
    profile.accept();
    QCOMPARE(profile.result(), int(QDialog::Accepted));
    QCOMPARE(QSettings().value(QStringLiteral("tasks/data")).toString(), kData); // the next dialog's default

    PassDialog pass(QStringLiteral("Fuse"), QStringLiteral("fused"), here);
    pass.findChild<QWidget*>(QStringLiteral("outputPath"))->findChild<QLineEdit*>()->setText(kModel);
    pass.accept();
    QCOMPARE(pass.result(), int(QDialog::Rejected));
    QVERIFY(pass.findChild<QLabel*>(QStringLiteral("problem"))->text().contains(QStringLiteral("replace the model")));
}

void TestTasks::preferencesAreStored()
{
    QCOMPARE(preferences::language(), QString()); // the system's by default
    QCOMPARE(preferences::concurrentTasks(), 1);
    PreferencesDialog dialog;
    auto* language = dialog.findChild<QComboBox*>(QStringLiteral("language"));
    QVERIFY(language);
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    dialog.findChild<QSpinBox*>(QStringLiteral("concurrentTasks"))->setValue(2);
    dialog.accept();
    QCOMPARE(preferences::language(), QStringLiteral("de"));
    QCOMPARE(preferences::concurrentTasks(), 2);
}

// The optimise dialog offers Foldwise's cost model (the default) and fpgaConvNet's, and the sparse
// fine gain (only with a profile: it is about sparse convolutions); the task searches on the
// chosen model with the gain: its design is the engine's for the same options, and design.json
// records the cost model.
void TestTasks::optimiseOffersCostModelAndGain()
{
    TaskDialogContext here = launcher()->dialogContext();
    here.outputFolder = dir_->path();
    {
        OptimiseDialog dense(here);
        auto* gain = dense.findChild<QDoubleSpinBox*>(QStringLiteral("sparseFineGain"));
        QVERIFY(gain);
        QVERIFY(!gain->isEnabled());
        QVERIFY(!dense.parameters().compatible); // Foldwise's native model
        QCOMPARE(dense.parameters().gain, 1.2);
    }
    const QString profile = kExampleDir + QStringLiteral("sweep_uniform/iteration_3/profile.json");
    here.profiles = {profile};
    OptimiseDialog optimise(here);
    auto* costModel = optimise.findChild<QComboBox*>(QStringLiteral("costModel"));
    auto* gain = optimise.findChild<QDoubleSpinBox*>(QStringLiteral("sparseFineGain"));
    QVERIFY(costModel && gain);
    QVERIFY(gain->isEnabled());
    QCOMPARE(gain->minimum(), 1.0);
    QCOMPARE(gain->value(), 1.2);
    gain->setValue(0.5);
    QCOMPARE(gain->value(), 1.0); // never below 1
    costModel->setCurrentIndex(costModel->findData(QStringLiteral("compatible")));
    gain->setValue(1.5);
    optimise.findChild<QComboBox*>(QStringLiteral("optimiser"))->setCurrentIndex(1); // greedy
    foldwise::ops::OptimiseParameters settings = optimise.parameters();
    QVERIFY(settings.compatible);
    QCOMPARE(settings.gain, 1.5);
    QCOMPARE(settings.optimiser, std::string("greedy"));
    QCOMPARE(text(settings.profile), profile);

    settings.outputDir = output(QStringLiteral("compatible")).toStdString();
    auto* task = operationTask(foldwise::ops::optimiseOperation(), settings);
    RUN_TO_DONE(task);
    const nlohmann::json design = readJson(QDir(text(settings.outputDir)).filePath(QStringLiteral("design.json")));
    QCOMPARE(design["settings"]["cost_model"].get<std::string>(), std::string("compatible"));
    QVERIFY(task->log().join(QLatin1Char('\n')).contains(QStringLiteral("fpgaConvNet's cost model")));

    // The engine's greedy design for the same options, folding by folding.
    namespace fc = foldwise::fpgaconvnet;
    const auto model = foldwise::Model::load(kModel.toStdString());
    const auto activations = foldwise::readProfile(profile.toStdString());
    fc::DesignSettings designSettings;
    designSettings.costModel = fc::CostModel::Compatible;
    const fc::Design expected = fc::optimiseGreedy(
        fc::minimalDesign(fc::buildHardwareGraph(*model, &activations), foldwise::findPlatform("zcu102"), designSettings), {1.5});
    const fc::Design written = fc::readDesign(QDir(text(settings.outputDir)).filePath(QStringLiteral("design.json")).toStdString(),
                                              *model, &activations, std::nullopt);
    QVERIFY(written.settings.costModel == fc::CostModel::Compatible);
    QVERIFY(written.folding == expected.folding);
    QVERIFY(written.partitionStarts == expected.partitionStarts);
}

// The evaluate dialog keeps the design's cost model unless told otherwise and offers the
// fidelity report; the task re-evaluates on the chosen model and writes fidelity.csv and
// fidelity.json, the engine's report of the design.
void TestTasks::evaluateOffersCostModelAndFidelity()
{
    const QString source = kExampleDir + QStringLiteral("sweep_uniform/iteration_3/design.json");
    TaskDialogContext here = launcher()->dialogContext();
    here.outputFolder = dir_->path();
    here.designs = {source};
    EvaluateDialog dialog(here);
    QVERIFY(dialog.parameters().costModel.empty()); // the design's
    QVERIFY(!dialog.parameters().fidelity);
    QCOMPARE(text(dialog.parameters().design), source);
    auto* costModel = dialog.findChild<QComboBox*>(QStringLiteral("costModel"));
    QVERIFY(costModel);
    costModel->setCurrentIndex(costModel->findData(QStringLiteral("compatible")));
    dialog.findChild<QCheckBox*>(QStringLiteral("fidelity"))->setChecked(true);
    foldwise::ops::EvaluateParameters settings = dialog.parameters();
    QCOMPARE(settings.costModel, std::string("compatible"));
    QVERIFY(settings.fidelity);

    settings.outputDir = output(QStringLiteral("compatible")).toStdString();
    auto* task = operationTask(foldwise::ops::evaluateOperation(), settings);
    RUN_TO_DONE(task);
    const QDir out(text(settings.outputDir));
    QCOMPARE(readJson(out.filePath(QStringLiteral("design.json")))["settings"]["cost_model"].get<std::string>(),
             std::string("compatible"));

    namespace fc = foldwise::fpgaconvnet;
    const auto model = foldwise::Model::load(kModel.toStdString());
    const fc::FidelityReport expected = fc::fidelityReport(fc::readDesign(source.toStdString(), *model, nullptr, std::nullopt));
    const nlohmann::json fidelity = readJson(out.filePath(QStringLiteral("fidelity.json")));
    QCOMPARE(fidelity["layers"].size(), expected.layers.size());
    for (std::size_t i = 0; i < expected.layers.size(); ++i) {
        QCOMPARE(fidelity["layers"][i]["layer"].get<std::string>(), expected.layers[i].name);
        QCOMPARE(fidelity["layers"][i]["native"]["cycles"].get<double>(), expected.layers[i].nativeCycles);
        QCOMPARE(fidelity["layers"][i]["compatible"]["cycles"].get<double>(), expected.layers[i].compatibleCycles);
    }
    QFile csv(out.filePath(QStringLiteral("fidelity.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().toStdString(), fc::fidelityCsv(expected));
    QVERIFY(task->log().join(QLatin1Char('\n')).contains(QStringLiteral("fpgaConvNet's")));

    // "The design's" model: the compatible design just written stays compatible; without the
    // fidelity option no fidelity files are written.
    foldwise::ops::EvaluateParameters again = settings;
    again.design = out.filePath(QStringLiteral("design.json")).toStdString();
    again.costModel.clear();
    again.fidelity = false;
    again.outputDir = output(QStringLiteral("again")).toStdString();
    auto* second = operationTask(foldwise::ops::evaluateOperation(), again);
    launcher()->start(second);
    WAIT_FINISHED(second);
    QVERIFY2(second->status() == Task::Status::Done, qPrintable(second->errorMessage()));
    QCOMPARE(readJson(QDir(text(again.outputDir)).filePath(QStringLiteral("design.json")))["settings"]["cost_model"].get<std::string>(),
             std::string("compatible"));
    QVERIFY(!QFileInfo::exists(QDir(text(again.outputDir)).filePath(QStringLiteral("fidelity.csv"))));
}

// The sweep dialog's starting design applies to the fixed mode only; a fixed sweep started from
// a design keeps that design's folding every iteration, and the run directory records the design
// and the gain so that the dialog (and foldwise-cli sweep --resume) reads them back.
void TestTasks::sweepStartsFromAFixedDesign()
{
    const QString source = kExampleDir + QStringLiteral("sweep_uniform/iteration_3/design.json");
    TaskDialogContext here = launcher()->dialogContext();
    here.outputFolder = dir_->path();
    here.designs = {source};
    SweepDialog dialog(here);
    auto* fixed = dialog.findChild<QWidget*>(QStringLiteral("fixedDesign"));
    auto* mode = dialog.findChild<QComboBox*>(QStringLiteral("mode"));
    auto* gain = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("sparseFineGain"));
    QVERIFY(fixed && mode && gain);
    QVERIFY(dialog.parameters().design.empty()); // optimise once unless asked
    QVERIFY(fixed->isEnabled());
    QVERIFY(gain->isEnabled());
    auto* designs = fixed->findChild<QComboBox*>();
    designs->setCurrentIndex(designs->findData(source));
    QCOMPARE(text(dialog.parameters().design), source);
    QVERIFY(!gain->isEnabled()); // nothing is optimised
    mode->setCurrentIndex(mode->findData(QStringLiteral("reoptimise")));
    QVERIFY(!fixed->isEnabled());
    QVERIFY(gain->isEnabled());
    QVERIFY(dialog.parameters().design.empty());
    gain->setValue(1.4);
    QCOMPARE(dialog.parameters().gain, 1.4);
    mode->setCurrentIndex(mode->findData(QStringLiteral("fixed")));
    designs->setCurrentIndex(designs->findData(source));

    foldwise::ops::SweepParameters settings = dialog.parameters();
    settings.data = kData.toStdString();
    settings.labels = kLabels.toStdString();
    settings.platform = "zedboard";
    settings.increment = 0.25;
    settings.iterations = 1;
    settings.outputDir = output(QStringLiteral("fixed_sweep")).toStdString();
    const QString runDirectory = text(settings.outputDir);
    RUN_TO_DONE(operationTask(foldwise::ops::sweepOperation(), settings));

    const nlohmann::json given = readJson(source);
    for (const int k : {0, 1}) {
        const nlohmann::json design =
            readJson(QDir(runDirectory).filePath(QStringLiteral("iteration_%1/design.json").arg(k)));
        QCOMPARE(design["layers"].size(), given["layers"].size());
        for (std::size_t i = 0; i < given["layers"].size(); ++i)
            for (const char* key : {"name", "coarse_in", "coarse_out", "fine"})
                QCOMPARE(design["layers"][i][key].dump(), given["layers"][i][key].dump());
    }
    foldwise::ops::SweepParameters read;
    read.resume = settings.outputDir;
    foldwise::ops::fillFromRunDirectory(read);
    QCOMPARE(QFileInfo(text(read.design)).canonicalFilePath(), QFileInfo(source).canonicalFilePath());
    QCOMPARE(read.gain, 1.4);
    SweepDialog resumed(here);
    QString error;
    QVERIFY2(resumed.loadRunDirectory(runDirectory, error), qPrintable(error));
    QCOMPARE(QFileInfo(text(resumed.parameters().design)).canonicalFilePath(), QFileInfo(source).canonicalFilePath());
    QCOMPARE(resumed.parameters().gain, 1.4);

    // A design that is not there (any more) is refused before anything runs.
    const QString gone = output(QStringLiteral("gone.json"));
    QVERIFY(QFile::copy(source, gone));
    here.designs = {gone};
    SweepDialog withGone(here);
    QVERIFY(QFile::remove(gone));
    auto* goneDesigns = withGone.findChild<QWidget*>(QStringLiteral("fixedDesign"))->findChild<QComboBox*>();
    goneDesigns->setCurrentIndex(goneDesigns->findData(gone));
    withGone.findChild<QWidget*>(QStringLiteral("dataPath"))->findChild<QLineEdit*>()->setText(kData);
    withGone.accept();
    QCOMPARE(withGone.result(), int(QDialog::Rejected));
    const QString problem = withGone.findChild<QLabel*>(QStringLiteral("problem"))->text();
    QVERIFY2(problem.contains(QStringLiteral("gone.json")), qPrintable(problem));
}

QTEST_MAIN(TestTasks)
#include "tst_tasks.moc"
