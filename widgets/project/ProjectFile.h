#pragma once

#include "project/Artifact.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace foldwise::gui {

class Project;

// What a .foldwise file holds. On disk (JSON):
//   {"format": "foldwise-project", "version": 1,
//    "model": "digits_cnn.onnx" | null, "bundled_example": false,
//    "artifacts": [{"kind": "profile", "path": "profiles/p.json"}, ...],
//    "layout": {...}}
// Paths inside the project's folder are stored relative to it (a project moves with its
// folder), others absolute; in memory they are always absolute.
struct ProjectContent {
    QString modelPath;
    bool bundledExample = false;
    QList<Artifact> artifacts;
    QJsonObject layout;
};

inline constexpr int kProjectFormatVersion = 1;

ProjectContent projectContent(const Project& project);
QByteArray projectJson(const ProjectContent& content, const QString& projectFile);

// Writes atomically (data/AtomicFileWriter.h: a failed, interrupted or killed save leaves the old
// file as it was, and the next save removes a killed save's temporary file).
// On failure returns false with a one-line `error` naming the file.
bool writeProjectFile(const QString& file, const ProjectContent& content, QString& error);

// Reads and checks a project file. Artifacts of unknown kinds (a newer Foldwise) are skipped and
// listed in `warnings`. On failure returns false with a one-line `error` naming the file.
bool readProjectFile(const QString& file, ProjectContent& content, QString& error, QStringList* warnings = nullptr);

} // namespace foldwise::gui
