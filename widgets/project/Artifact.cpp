#include "project/Artifact.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace foldwise::gui {
namespace {

class ArtifactText {
    Q_DECLARE_TR_FUNCTIONS(Artifact)
};

constexpr std::array kNames{
    std::pair{ArtifactKind::Profile, "profile"},
    std::pair{ArtifactKind::Design, "design"},
    std::pair{ArtifactKind::RunLog, "runlog"},
    std::pair{ArtifactKind::FoldingConfig, "folding-config"},
    std::pair{ArtifactKind::Model, "model"},
    std::pair{ArtifactKind::Report, "report"},
};

} // namespace

QString artifactKindName(ArtifactKind kind)
{
    for (const auto& [k, name] : kNames)
        if (k == kind)
            return QString::fromLatin1(name);
    return {};
}

bool artifactKindFromName(const QString& name, ArtifactKind& kind)
{
    for (const auto& [k, n] : kNames)
        if (name == QLatin1String(n)) {
            kind = k;
            return true;
        }
    return false;
}

QString artifactKindTitle(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::Profile:
        return ArtifactText::tr("Profile");
    case ArtifactKind::Design:
        return ArtifactText::tr("Design");
    case ArtifactKind::RunLog:
        return ArtifactText::tr("Sweep run");
    case ArtifactKind::FoldingConfig:
        return ArtifactText::tr("Folding configuration");
    case ArtifactKind::Model:
        return ArtifactText::tr("Derived model");
    case ArtifactKind::Report:
        return ArtifactText::tr("Tool report");
    }
    return {};
}

} // namespace foldwise::gui
