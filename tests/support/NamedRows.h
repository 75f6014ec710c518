#pragma once

// The data table of a test that runs once per model, command or file: one QString column whose
// rows are named by their values.

#include <QStringList>
#include <QtTest>

namespace fixtures {

inline void addNamedRows(const char* column, const QStringList& values)
{
    QTest::addColumn<QString>(column);
    for (const QString& value : values)
        QTest::newRow(qPrintable(value)) << value;
}

} // namespace fixtures
