#pragma once

#include "hw/HardwareSupport.h"

#include <QHash>
#include <QString>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;

namespace foldwise {
class Model;
}

namespace foldwise::gui {

// The graph toolbar's "Check hardware" control: pick fpgaConvNet or FINN and every node that
// style cannot build is marked in the graph with the reason (checkHardwareSupport), so a model
// a toolflow refuses stays open and shows where and why. The summary beside the combo says how
// many nodes are marked, or what stops the whole model.
class HardwareSupportCheck : public QWidget {
    Q_OBJECT

public:
    explicit HardwareSupportCheck(QWidget* parent = nullptr);

    // Re-checks the chosen style on the new model (nothing chosen: nothing to do).
    void setModel(std::shared_ptr<const Model> model);
    // Chooses the style to check; nullopt: no check, no marks.
    void setStyle(std::optional<HardwareStyle> style);
    std::optional<HardwareStyle> style() const;
    // The check's result in a sentence ("" with no check).
    QString summaryText() const;

signals:
    // Node name -> why the style cannot build it; empty: no marks.
    void unsupportedNodesChanged(const QHash<QString, QString>& reasons);

private:
    void check();

    std::shared_ptr<const Model> model_;
    QComboBox* combo_;
    QLabel* summary_;
};

} // namespace foldwise::gui
