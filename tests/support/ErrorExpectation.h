#pragma once

// The one check every bad-input test makes: loading `file` throws a ModelError whose one-line
// message starts with the file's name and contains each expected phrase.

#include "model/ModelError.h"

#include <QtTest>

#include <string>

namespace fixtures {

template <typename Load>
void expectFileError(const std::string& file, const QStringList& phrases, Load&& load)
{
    try {
        load(file);
    } catch (const foldwise::ModelError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.startsWith(QString::fromStdString(file)), qPrintable(message));
        QVERIFY2(!message.contains('\n'), qPrintable(message));
        for (const QString& p : phrases)
            QVERIFY2(message.contains(p), qPrintable("'" + p + "' not in: " + message));
        return;
    }
    QFAIL(qPrintable("no error for " + QString::fromStdString(file)));
}

} // namespace fixtures
