#include "project/ProjectFile.h"

#include "project/Project.h"
#include "tasks/EngineInputs.h"

#include "io/AtomicFileWriter.h"
#include "model/ModelError.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace foldwise::gui {
namespace {

class ProjectFileText {
    Q_DECLARE_TR_FUNCTIONS(ProjectFile)
};

const QString kFormat = QStringLiteral("foldwise-project");

QString storedPath(const QString& path, const QDir& base)
{
    const QString relative = base.relativeFilePath(path);
    return relative.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(relative) ? path : relative;
}

QString loadedPath(const QString& stored, const QDir& base)
{
    return QDir::cleanPath(base.absoluteFilePath(stored));
}

void fail(QString& error, const QString& file, const QString& reason)
{
    //: A project file error: %1 is the file, %2 the reason
    error = ProjectFileText::tr("%1: %2").arg(QDir::toNativeSeparators(file), reason);
}

} // namespace

ProjectContent projectContent(const Project& project)
{
    return {project.modelPath(), project.usesBundledExample(), project.artifacts(), project.layout()};
}

QByteArray projectJson(const ProjectContent& content, const QString& projectFile)
{
    const QDir base = QFileInfo(projectFile).absoluteDir();
    QJsonObject root;
    root[QStringLiteral("format")] = kFormat;
    root[QStringLiteral("version")] = kProjectFormatVersion;
    root[QStringLiteral("model")] = content.modelPath.isEmpty() ? QJsonValue() : QJsonValue(storedPath(content.modelPath, base));
    root[QStringLiteral("bundled_example")] = content.bundledExample;
    QJsonArray artifacts;
    for (const Artifact& a : content.artifacts)
        artifacts.append(QJsonObject{{QStringLiteral("kind"), artifactKindName(a.kind)},
                                     {QStringLiteral("path"), storedPath(a.path, base)}});
    root[QStringLiteral("artifacts")] = artifacts;
    root[QStringLiteral("layout")] = content.layout;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool writeProjectFile(const QString& file, const ProjectContent& content, QString& error)
{
    // The engine's writer rather than QSaveFile: it removes what a save killed midway left
    // behind (QSaveFile's temporaries stay forever) and has the kill tests' commit points.
    try {
        const QByteArray bytes = projectJson(content, file);
        AtomicFileWriter out(enginePath(file));
        out.write(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        out.commit();
    } catch (const ModelError& e) {
        fail(error, file, QString::fromStdString(e.reason()));
        return false;
    }
    return true;
}

bool readProjectFile(const QString& file, ProjectContent& content, QString& error, QStringList* warnings)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        fail(error, file, in.errorString());
        return false;
    }
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(in.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        fail(error, file, ProjectFileText::tr("not valid JSON (%1 at offset %2)").arg(parse.errorString()).arg(parse.offset));
        return false;
    }
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != kFormat) {
        fail(error, file, ProjectFileText::tr("not a Foldwise project"));
        return false;
    }
    const int version = root.value(QStringLiteral("version")).toInt();
    if (version < 1 || version > kProjectFormatVersion) {
        fail(error, file, ProjectFileText::tr("project format version %1 is not supported (this Foldwise reads version %2)")
                              .arg(version)
                              .arg(kProjectFormatVersion));
        return false;
    }
    const QDir base = QFileInfo(file).absoluteDir();
    ProjectContent result;
    const QJsonValue model = root.value(QStringLiteral("model"));
    if (model.isString() && !model.toString().isEmpty())
        result.modelPath = loadedPath(model.toString(), base);
    result.bundledExample = root.value(QStringLiteral("bundled_example")).toBool();
    for (const QJsonValue& value : root.value(QStringLiteral("artifacts")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString kindName = entry.value(QStringLiteral("kind")).toString();
        const QString path = entry.value(QStringLiteral("path")).toString();
        Artifact artifact;
        if (path.isEmpty() || !artifactKindFromName(kindName, artifact.kind)) {
            if (warnings)
                warnings->append(ProjectFileText::tr("skipped an artifact of unknown kind \"%1\"").arg(kindName));
            continue;
        }
        artifact.path = loadedPath(path, base);
        result.artifacts.append(artifact);
    }
    result.layout = root.value(QStringLiteral("layout")).toObject();
    content = result;
    return true;
}

} // namespace foldwise::gui
