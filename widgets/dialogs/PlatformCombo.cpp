#include "dialogs/PlatformCombo.h"

#include "hw/Platform.h"

#include <QSettings>

namespace foldwise::gui {
namespace {

const QString kPlatformKey = QStringLiteral("tasks/platform");

} // namespace

PlatformCombo::PlatformCombo(const QString& noneText, QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("platform"));
    if (!noneText.isEmpty())
        addItem(noneText, QString());
    for (const std::string& name : bundledPlatformNames())
        addItem(QString::fromStdString(name), QString::fromStdString(name));
    if (noneText.isEmpty())
        setPlatform(QSettings().value(kPlatformKey, QStringLiteral("zcu102")).toString());
}

QString PlatformCombo::platform() const
{
    return currentData().toString();
}

void PlatformCombo::setPlatform(const QString& name)
{
    const int index = findData(name);
    if (index >= 0) {
        setCurrentIndex(index);
    } else if (!name.isEmpty()) { // a TOML file of the user's, e.g. from a sweep's manifest
        addItem(name, name);
        setCurrentIndex(count() - 1);
    }
}

void PlatformCombo::remember() const
{
    if (!platform().isEmpty())
        QSettings().setValue(kPlatformKey, platform());
}

} // namespace foldwise::gui
