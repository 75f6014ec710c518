#pragma once

#include <QDoubleSpinBox>

namespace foldwise::gui {

// The sparse fine gain of fpgaConvNet's greedy optimiser (fpgaconvnet::GreedyOptions): the
// least speed-up a sparse convolution's next `fine` step must give to be kept. At least 1;
// 1.2 (fpgaConvNet's) by default.
class FineGainSpinBox : public QDoubleSpinBox {
    Q_OBJECT

public:
    explicit FineGainSpinBox(QWidget* parent = nullptr);
};

} // namespace foldwise::gui
