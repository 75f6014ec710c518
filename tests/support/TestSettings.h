#pragma once

// Keeps QSettings (recent files, window layout) away from the user's configuration: the test
// mode's own locations, under an organisation of the tests and the suite's name.

#include <QCoreApplication>
#include <QStandardPaths>

namespace fixtures {

inline void useTestSettings(const QString& suite)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FoldwiseTest"));
    QCoreApplication::setApplicationName(suite);
}

} // namespace fixtures
