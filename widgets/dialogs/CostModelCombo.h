#pragma once

#include <QComboBox>

namespace foldwise::gui {

// Which model gives an fpgaConvNet-style design's cycles and resources
// (fpgaconvnet::CostModel): Foldwise's own, with zero skipping, or fpgaConvNet's, so that every
// figure is what fpgaConvNet computes for the design's config.json. With an "own" entry first
// when the caller allows one (e.g. "the design's", which design.json records).
class CostModelCombo : public QComboBox {
    Q_OBJECT

public:
    explicit CostModelCombo(const QString& noneText = {}, QWidget* parent = nullptr);

    // "native" or "compatible"; empty for the "own" entry.
    QString costModel() const;
    void setCostModel(const QString& name);
};

} // namespace foldwise::gui
