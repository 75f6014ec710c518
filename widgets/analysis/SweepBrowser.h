#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QTableView;
class QToolButton;

namespace foldwise::gui {

class AnalysisDocument;
class RunLogModel;

// Steps through the iterations of the loaded run log: a slider and a table of the iterations
// (threshold, accuracy, sparsity, throughput, bottleneck), both following the document's
// current iteration, and a "Compare with" choice of a second iteration.
class SweepBrowser : public QWidget {
    Q_OBJECT

public:
    explicit SweepBrowser(AnalysisDocument* document, QWidget* parent = nullptr);

    QSlider* slider() const { return slider_; }
    QTableView* table() const { return table_; }
    QComboBox* compareBox() const { return compare_; }
    RunLogModel* model() const { return model_; }

private:
    void onRunLogChanged();
    void onIterationChanged();
    void onSliderMoved(int position);
    void onRowSelected();
    void onCompareChosen(int comboIndex);
    void step(int delta);

    AnalysisDocument* document_;
    RunLogModel* model_;
    QLabel* title_;
    QSlider* slider_;
    QToolButton* previous_;
    QToolButton* next_;
    QLabel* position_;
    QTableView* table_;
    QComboBox* compare_;
    bool syncing_ = false;
};

} // namespace foldwise::gui
