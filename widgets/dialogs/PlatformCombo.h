#pragma once

#include "dialogs/NamedChoiceCombo.h"

namespace foldwise::gui {

// The bundled platforms (core/hw/Platform.h bundledPlatformNames) to choose from, the last one
// used first selected. With an "own" entry first when the caller allows one (e.g. "the
// design's"). The current name is the platform's.
class PlatformCombo : public NamedChoiceCombo {
    Q_OBJECT

public:
    explicit PlatformCombo(const QString& noneText = {}, QWidget* parent = nullptr);

    // Also takes a platform file of the user's, which becomes a choice of its own.
    void setPlatform(const QString& name);
    void remember() const;
};

} // namespace foldwise::gui
