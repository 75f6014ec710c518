#include "dialogs/CostModelCombo.h"

namespace foldwise::gui {

CostModelCombo::CostModelCombo(const QString& noneText, QWidget* parent)
    : NamedChoiceCombo(QStringLiteral("costModel"), noneText, parent)
{
    addItem(tr("Foldwise (native, zero skipping)"), QStringLiteral("native"));
    addItem(tr("fpgaConvNet-compatible"), QStringLiteral("compatible"));
    setToolTip(tr("Foldwise's model skips the zeros of sparse convolutions; fpgaConvNet's gives the cycles and "
                  "resources fpgaConvNet itself computes for the design's config.json"));
}

} // namespace foldwise::gui
