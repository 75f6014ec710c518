#include "dialogs/FineGainSpinBox.h"

namespace foldwise::gui {

FineGainSpinBox::FineGainSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent)
{
    setObjectName(QStringLiteral("sparseFineGain"));
    setRange(1.0, 1000.0); // foldwise-cli's --gain range
    setDecimals(2);
    setSingleStep(0.05);
    setValue(1.2);
    //: Suffix of a speed-up factor, e.g. "1.2 ×"
    setSuffix(tr(" ×"));
    setToolTip(tr("The least speed-up a sparse convolution's next fine step must give for the greedy "
                  "optimiser to keep it (fpgaConvNet: 1.2)"));
}

} // namespace foldwise::gui
