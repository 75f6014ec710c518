#pragma once

#include <QComboBox>

namespace foldwise::gui {

// A combo box of named choices, each item's data its name (what the engine is given), with an
// "own" entry first when the caller allows one (e.g. "the design's"), whose name is empty.
class NamedChoiceCombo : public QComboBox {
    Q_OBJECT

public:
    NamedChoiceCombo(const QString& objectName, const QString& noneText, QWidget* parent);

    // The chosen name; empty for the "own" entry.
    QString currentName() const;
    // Chooses `name`; false (the choice unchanged) when no item has it.
    bool setCurrentName(const QString& name);
};

} // namespace foldwise::gui
