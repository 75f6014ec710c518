#pragma once

#include <QList>
#include <QString>

namespace foldwise::gui {

// What a file listed in a project is. The project keeps artifacts as plain paths with a kind, so
// whatever shows them (analysis views, plots) can pick up the kinds it understands.
enum class ArtifactKind {
    Profile,        // activation profile (profile.json)
    Design,         // Foldwise design.json (fpgaConvNet style)
    RunLog,         // a sweep's run directory
    FoldingConfig,  // FINN folding_config.json or fpgaConvNet config.json
    Model,          // a model derived from the project's (pass output)
    Report,         // a tool's report: fpgaConvNet report.json, FINN estimate reports
};

// The names used in project files ("profile", "design", "runlog", "folding-config", "model", "report").
QString artifactKindName(ArtifactKind kind);
// False for an unknown name; `kind` is left unchanged then.
bool artifactKindFromName(const QString& name, ArtifactKind& kind);
// For display: "Profile", "Design", ... (translated).
QString artifactKindTitle(ArtifactKind kind);

struct Artifact {
    ArtifactKind kind = ArtifactKind::Profile;
    QString path; // absolute

    friend bool operator==(const Artifact& a, const Artifact& b) { return a.kind == b.kind && a.path == b.path; }
};

} // namespace foldwise::gui
