#pragma once

#include "dialogs/NamedChoiceCombo.h"

namespace foldwise::gui {

// Which model gives an fpgaConvNet-style design's cycles and resources
// (fpgaconvnet::CostModel): Foldwise's own, with zero skipping, or fpgaConvNet's, so that every
// figure is what fpgaConvNet computes for the design's config.json. With an "own" entry first
// when the caller allows one (e.g. "the design's", which design.json records). The current
// name is "native" or "compatible".
class CostModelCombo : public NamedChoiceCombo {
    Q_OBJECT

public:
    explicit CostModelCombo(const QString& noneText = {}, QWidget* parent = nullptr);
};

} // namespace foldwise::gui
