#include "dialogs/NamedChoiceCombo.h"

namespace foldwise::gui {

NamedChoiceCombo::NamedChoiceCombo(const QString& objectName, const QString& noneText, QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(objectName);
    if (!noneText.isEmpty())
        addItem(noneText, QString());
}

QString NamedChoiceCombo::currentName() const
{
    return currentData().toString();
}

bool NamedChoiceCombo::setCurrentName(const QString& name)
{
    const int index = findData(name);
    if (index < 0)
        return false;
    setCurrentIndex(index);
    return true;
}

} // namespace foldwise::gui
