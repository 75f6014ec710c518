// Projects: the file round-trips (paths relative to the project's folder when inside it),
// bad files are refused with the reason, the autosave file appears while the project is modified
// and goes on a clean save, and opening a project (from the File menu's code path, the command
// line's and a drop) restores the model, the artifacts and the window layout.

#include "MainWindow.h"
#include "ModelDocument.h"
#include "RecentFilesMenu.h"
#include "WorkbenchSession.h"
#include "project/Project.h"
#include "project/ProjectAutosaver.h"
#include "project/ProjectController.h"
#include "project/ProjectFile.h"

#include "DropFiles.h"
#include "TestSettings.h"

#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <memory>

using namespace foldwise::gui;

namespace {

const QString kModel = QStringLiteral(FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx");

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

class TestProject : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void roundTripsThroughTheFile();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void addsEachArtifactOnce();
    void autosaveAppearsAndGoesOnSave();
    void openingRestoresModelArtifactsAndLayout();
    void savesTheBundledExampleByName();
    void opensDroppedProject();
    void failedOpenKeepsTheProject();

private:
    std::unique_ptr<MainWindow> newWindow() const;
    QString path(const QString& name) const { return dir_->filePath(name); }
    // A copy of the example model inside the temporary folder.
    QString modelCopy() const;

    std::unique_ptr<QTemporaryDir> dir_;
};

void TestProject::initTestCase()
{
    fixtures::useTestSettings(QStringLiteral("tst_project"));
}

void TestProject::init()
{
    QSettings().clear();
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
}

void TestProject::cleanup()
{
    dir_.reset();
}

std::unique_ptr<MainWindow> TestProject::newWindow() const
{
    auto window = std::make_unique<MainWindow>();
    window->setErrorDialogsEnabled(false);
    return window;
}

QString TestProject::modelCopy() const
{
    const QString copy = path(QStringLiteral("model/digits_cnn.onnx"));
    QDir().mkpath(QFileInfo(copy).absolutePath());
    if (!QFileInfo::exists(copy))
        QFile::copy(kModel, copy);
    return copy;
}

void TestProject::roundTripsThroughTheFile()
{
    const QString file = path(QStringLiteral("p.foldwise"));
    ProjectContent content;
    content.modelPath = modelCopy();
    content.artifacts = {{ArtifactKind::Profile, path(QStringLiteral("profiles/profile.json"))},
                         {ArtifactKind::Design, path(QStringLiteral("design/design.json"))},
                         {ArtifactKind::RunLog, path(QStringLiteral("runs/uniform"))},
                         {ArtifactKind::FoldingConfig, path(QStringLiteral("design/config.json"))},
                         {ArtifactKind::Model, QStringLiteral("/elsewhere/fused.onnx")}};
    content.layout = QJsonObject{{QStringLiteral("page"), QStringLiteral("graph")}};
    QString error;
    QVERIFY2(writeProjectFile(file, content, error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(file + QStringLiteral(".autosave")));

    // Inside the project's folder: relative; outside: absolute.
    const QJsonObject json = QJsonDocument::fromJson(readAll(file)).object();
    QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("foldwise-project"));
    QCOMPARE(json.value(QStringLiteral("model")).toString(), QStringLiteral("model/digits_cnn.onnx"));
    const QByteArray text = readAll(file);
    QVERIFY(text.contains("\"profiles/profile.json\""));
    QVERIFY(text.contains("\"/elsewhere/fused.onnx\""));
    QVERIFY(text.contains("\"folding-config\""));

    ProjectContent read;
    QVERIFY2(readProjectFile(file, read, error), qPrintable(error));
    QCOMPARE(read.modelPath, content.modelPath);
    QCOMPARE(read.bundledExample, false);
    QCOMPARE(read.artifacts, content.artifacts);
    QCOMPARE(read.layout, content.layout);

    // The folder moves with its project.
    const QString moved = path(QStringLiteral("moved"));
    QVERIFY(QDir().mkpath(moved));
    QVERIFY(QFile::copy(file, moved + QStringLiteral("/p.foldwise")));
    QVERIFY(readProjectFile(moved + QStringLiteral("/p.foldwise"), read, error));
    QCOMPARE(read.artifacts[0].path, moved + QStringLiteral("/profiles/profile.json"));
    QCOMPARE(read.artifacts[4].path, QStringLiteral("/elsewhere/fused.onnx"));
}

void TestProject::refusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not JSON") << QByteArray("{\"format\": ") << QStringLiteral("not valid JSON");
    QTest::newRow("other format") << QByteArray(R"({"format": "foldwise-sweep", "version": 1})")
                                  << QStringLiteral("not a Foldwise project");
    QTest::newRow("newer version") << QByteArray(R"({"format": "foldwise-project", "version": 99})")
                                   << QStringLiteral("version 99 is not supported");
}

void TestProject::refusesBadFiles()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, reason);
    const QString file = path(QStringLiteral("bad.foldwise"));
    QVERIFY(writeText(file, text));
    ProjectContent content;
    QString error;
    QVERIFY(!readProjectFile(file, content, error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("bad.foldwise")), qPrintable(error));
    QVERIFY(!readProjectFile(path(QStringLiteral("missing.foldwise")), content, error));
    QVERIFY2(error.contains(QStringLiteral("missing.foldwise")), qPrintable(error));
}

void TestProject::addsEachArtifactOnce()
{
    Project project;
    QSignalSpy added(&project, &Project::artifactAdded);
    QSignalSpy modified(&project, &Project::modifiedChanged);
    QVERIFY(project.addArtifact(ArtifactKind::Profile, path(QStringLiteral("a.json"))));
    QVERIFY(!project.addArtifact(ArtifactKind::Profile, path(QStringLiteral("a.json"))));
    QVERIFY(project.addArtifact(ArtifactKind::Design, path(QStringLiteral("a.json")))); // another kind
    QCOMPARE(added.count(), 2);
    QCOMPARE(added.at(0).at(0).value<ArtifactKind>(), ArtifactKind::Profile);
    QCOMPARE(added.at(0).at(1).toString(), path(QStringLiteral("a.json")));
    QVERIFY(project.isModified());
    QCOMPARE(modified.count(), 1);
    QVERIFY(project.removeArtifact({ArtifactKind::Profile, path(QStringLiteral("a.json"))}));
    QCOMPARE(project.artifacts().size(), 1);
}

void TestProject::autosaveAppearsAndGoesOnSave()
{
    auto window = newWindow();
    QVERIFY(window->openFile(modelCopy()));
    ProjectController* projects = window->session()->projects();
    Project* project = window->session()->project();
    const QString file = path(QStringLiteral("work.foldwise"));
    const QString autosave = ProjectAutosaver::autosavePath(file);
    QVERIFY(projects->saveProjectAs(file));
    QVERIFY(!project->isModified());
    QVERIFY(window->windowTitle().startsWith(QStringLiteral("work.foldwise")));
    QCOMPARE(projects->recentProjects()->files(), QStringList{file});

    projects->autosaver()->setIntervalMs(20);
    QTest::qWait(100);
    QVERIFY(!QFileInfo::exists(autosave)); // nothing to autosave while unmodified

    QVERIFY(project->addArtifact(ArtifactKind::Profile, path(QStringLiteral("profile.json"))));
    QVERIFY(window->isWindowModified());
    QTRY_VERIFY(QFileInfo::exists(autosave));
    QVERIFY(readAll(autosave).contains("profile.json"));
    QVERIFY(!readAll(file).contains("profile.json")); // the project file itself is only saved on request
    QVERIFY(ProjectAutosaver::hasRecoverableAutosave(file));

    QVERIFY(projects->saveProject());
    QVERIFY(!QFileInfo::exists(autosave));
    QVERIFY(readAll(file).contains("profile.json"));
    QVERIFY(!window->isWindowModified());
    QTest::qWait(100);
    QVERIFY(!QFileInfo::exists(autosave));
    // No temporary file of the atomic save stays behind.
    QCOMPARE(QDir(dir_->path()).entryList({QStringLiteral("work*")}, QDir::Files | QDir::Hidden), QStringList{QStringLiteral("work.foldwise")});
}

void TestProject::openingRestoresModelArtifactsAndLayout()
{
    const QString model = modelCopy();
    const QString file = path(QStringLiteral("restored.foldwise"));
    const QList<Artifact> artifacts{{ArtifactKind::Profile, path(QStringLiteral("profile.json"))},
                                    {ArtifactKind::RunLog, path(QStringLiteral("runs/uniform"))}};
    QVERIFY(writeText(path(QStringLiteral("profile.json")), "{}"));
    {
        auto window = newWindow();
        QVERIFY(window->openFile(model));
        Project* project = window->session()->project();
        for (const Artifact& a : artifacts)
            QVERIFY(project->addArtifact(a.kind, a.path));
        window->showGraphTab();
        QVERIFY(window->session()->projects()->saveProjectAs(file));
    }

    auto window = newWindow();
    Project* project = window->session()->project();
    QSignalSpy added(project, &Project::artifactAdded);
    QSignalSpy opened(window->session()->projects(), &ProjectController::projectOpened);
    QVERIFY(!window->isGraphTabShown());
    // MainWindow::openFile is what the command line (`foldwise PROJECT.foldwise`) calls.
    QVERIFY(window->openFile(file));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(window->document()->filePath(), model);
    QCOMPARE(project->filePath(), file);
    QCOMPARE(project->modelPath(), model);
    QCOMPARE(project->artifacts(), artifacts);
    QCOMPARE(added.count(), 2);
    QCOMPARE(added.at(1).at(0).value<ArtifactKind>(), ArtifactKind::RunLog);
    QVERIFY(!project->isModified());
    QVERIFY(window->isGraphTabShown());
    QCOMPARE(window->windowTitle(), QStringLiteral("restored.foldwise[*] — digits_cnn.onnx — Foldwise"));
    QCOMPARE(window->session()->projects()->recentProjects()->files(), QStringList{file});
}

void TestProject::savesTheBundledExampleByName()
{
    const QString file = path(QStringLiteral("example.foldwise"));
    {
        auto window = newWindow();
        QVERIFY(window->openBundledExample());
        QVERIFY(window->session()->projects()->saveProjectAs(file));
    }
    const QJsonObject json = QJsonDocument::fromJson(readAll(file)).object();
    QVERIFY(json.value(QStringLiteral("model")).isNull()); // not the temporary copy's path
    QVERIFY(json.value(QStringLiteral("bundled_example")).toBool());
    auto window = newWindow();
    QVERIFY(window->openFile(file));
    QVERIFY(window->document()->isBundledExample());
    QVERIFY(window->session()->project()->usesBundledExample());
}

void TestProject::opensDroppedProject()
{
    const QString file = path(QStringLiteral("dropped.foldwise"));
    {
        auto window = newWindow();
        QVERIFY(window->openFile(modelCopy()));
        QVERIFY(window->session()->project()->addArtifact(ArtifactKind::Design, path(QStringLiteral("design.json"))));
        QVERIFY(window->session()->projects()->saveProjectAs(file));
    }
    auto window = newWindow();
    const fixtures::DropOutcome dropped = fixtures::dropFile(window.get(), file);
    QVERIFY(dropped.dragAccepted);
    QVERIFY(dropped.dropAccepted);
    QTRY_COMPARE(window->session()->project()->filePath(), file); // opened once the drop returned
    QCOMPARE(window->session()->project()->artifacts(ArtifactKind::Design).size(), 1);
    QCOMPARE(window->document()->filePath(), modelCopy());
}

void TestProject::failedOpenKeepsTheProject()
{
    auto window = newWindow();
    QVERIFY(window->openFile(modelCopy()));
    Project* project = window->session()->project();
    QVERIFY(project->addArtifact(ArtifactKind::Profile, path(QStringLiteral("kept.json"))));
    const QString bad = path(QStringLiteral("broken.foldwise"));
    QVERIFY(writeText(bad, "not json"));
    QSignalSpy failed(window->session()->projects(), &ProjectController::projectOpenFailed);
    QVERIFY(!window->openFile(bad));
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("broken.foldwise")));
    QCOMPARE(project->artifacts().size(), 1);
    QVERIFY(project->filePath().isEmpty());
}

QTEST_MAIN(TestProject)
#include "tst_project.moc"
