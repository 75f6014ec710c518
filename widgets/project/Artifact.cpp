#include "project/Artifact.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace foldwise::gui {
namespace {

// Each kind's name in project files and its title for display, translated in the "Artifact"
// context.
struct KindText {
    ArtifactKind kind;
    const char* name;
    const char* title;
};

constexpr std::array kKinds{
    KindText{ArtifactKind::Profile, "profile", QT_TRANSLATE_NOOP("Artifact", "Profile")},
    KindText{ArtifactKind::Design, "design", QT_TRANSLATE_NOOP("Artifact", "Design")},
    KindText{ArtifactKind::RunLog, "runlog", QT_TRANSLATE_NOOP("Artifact", "Sweep run")},
    KindText{ArtifactKind::FoldingConfig, "folding-config", QT_TRANSLATE_NOOP("Artifact", "Folding configuration")},
    KindText{ArtifactKind::Model, "model", QT_TRANSLATE_NOOP("Artifact", "Derived model")},
    KindText{ArtifactKind::Report, "report", QT_TRANSLATE_NOOP("Artifact", "Tool report")},
};

const KindText* textOf(ArtifactKind kind)
{
    const auto* it = std::find_if(kKinds.begin(), kKinds.end(), [kind](const KindText& k) { return k.kind == kind; });
    return it == kKinds.end() ? nullptr : it;
}

} // namespace

QString artifactKindName(ArtifactKind kind)
{
    const KindText* text = textOf(kind);
    return text ? QString::fromLatin1(text->name) : QString();
}

bool artifactKindFromName(const QString& name, ArtifactKind& kind)
{
    for (const KindText& k : kKinds)
        if (name == QLatin1String(k.name)) {
            kind = k.kind;
            return true;
        }
    return false;
}

QString artifactKindTitle(ArtifactKind kind)
{
    const KindText* text = textOf(kind);
    return text ? QCoreApplication::translate("Artifact", text->title) : QString();
}

} // namespace foldwise::gui
