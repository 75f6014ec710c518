#pragma once

#include "project/Artifact.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace foldwise::gui {

// A Foldwise project: the model, the files made from it (profiles, designs, sweep run logs, ...)
// and the window layout, opened and saved together as one .foldwise file (ProjectFile.h).
// Artifacts are plain absolute paths with a kind; views that understand a kind listen to
// artifactAdded(). Every change marks the project modified until it is saved or loaded.
class Project : public QObject {
    Q_OBJECT

public:
    static constexpr auto kFileSuffix = "foldwise";

    explicit Project(QObject* parent = nullptr);

    // The .foldwise file; empty for a project never saved.
    QString filePath() const { return filePath_; }
    void setFilePath(const QString& path);
    // The file name without its folder, or "Untitled".
    QString displayName() const;

    // The model; empty when none or the bundled example (see usesBundledExample).
    QString modelPath() const { return modelPath_; }
    bool usesBundledExample() const { return bundledExample_; }
    void setModel(const QString& path, bool bundledExample = false);

    const QList<Artifact>& artifacts() const { return artifacts_; }
    QList<Artifact> artifacts(ArtifactKind kind) const;
    bool contains(const Artifact& artifact) const { return artifacts_.contains(artifact); }
    // Adds the file (made absolute) unless it is listed already; returns whether it was added.
    bool addArtifact(ArtifactKind kind, const QString& path);
    bool removeArtifact(const Artifact& artifact);

    // The window's layout as the workbench session stores it (opaque here); not a modification.
    QJsonObject layout() const { return layout_; }
    void setLayout(const QJsonObject& layout);

    bool isModified() const { return modified_; }
    void setModified(bool modified);

    // Back to an empty, unmodified, untitled project. Emits cleared().
    void clear();
    // Replaces the whole content (as a project file is opened) and marks the project unmodified:
    // emits cleared(), then artifactAdded() for each artifact, then loaded().
    void assign(const QString& filePath, const QString& modelPath, bool bundledExample,
                const QList<Artifact>& artifacts, const QJsonObject& layout);

signals:
    void artifactAdded(foldwise::gui::ArtifactKind kind, const QString& path);
    void artifactRemoved(foldwise::gui::ArtifactKind kind, const QString& path);
    void modelChanged(const QString& path);
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);
    void cleared();
    void loaded();

private:
    QString filePath_;
    QString modelPath_;
    bool bundledExample_ = false;
    QList<Artifact> artifacts_;
    QJsonObject layout_;
    bool modified_ = false;
};

} // namespace foldwise::gui
