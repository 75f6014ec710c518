#include "dialogs/PlatformCombo.h"

#include "hw/Platform.h"

#include <QSettings>

namespace foldwise::gui {
namespace {

const QString kPlatformKey = QStringLiteral("tasks/platform");

} // namespace

PlatformCombo::PlatformCombo(const QString& noneText, QWidget* parent)
    : NamedChoiceCombo(QStringLiteral("platform"), noneText, parent)
{
    for (const std::string& name : bundledPlatformNames())
        addItem(QString::fromStdString(name), QString::fromStdString(name));
    if (noneText.isEmpty())
        setPlatform(QSettings().value(kPlatformKey, QStringLiteral("zcu102")).toString());
}

void PlatformCombo::setPlatform(const QString& name)
{
    if (!setCurrentName(name) && !name.isEmpty()) { // a TOML file of the user's, e.g. from a sweep's manifest
        addItem(name, name);
        setCurrentIndex(count() - 1);
    }
}

void PlatformCombo::remember() const
{
    if (!currentName().isEmpty())
        QSettings().setValue(kPlatformKey, currentName());
}

} // namespace foldwise::gui
