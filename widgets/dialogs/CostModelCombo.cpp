#include "dialogs/CostModelCombo.h"

namespace foldwise::gui {

CostModelCombo::CostModelCombo(const QString& noneText, QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("costModel"));
    if (!noneText.isEmpty())
        addItem(noneText, QString());
    addItem(tr("Foldwise (native, zero skipping)"), QStringLiteral("native"));
    addItem(tr("fpgaConvNet-compatible"), QStringLiteral("compatible"));
    setToolTip(tr("Foldwise's model skips the zeros of sparse convolutions; fpgaConvNet's gives the cycles and "
                  "resources fpgaConvNet itself computes for the design's config.json"));
}

QString CostModelCombo::costModel() const
{
    return currentData().toString();
}

void CostModelCombo::setCostModel(const QString& name)
{
    const int index = findData(name);
    if (index >= 0)
        setCurrentIndex(index);
}

} // namespace foldwise::gui
