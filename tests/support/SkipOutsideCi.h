#pragma once

// A test that needs something this machine may lack (onnxruntime-node, Debian's ONNX test data,
// a Slurm cluster) skips with the reason on a developer's machine, but fails under CI (the CI
// variable set): CI installs everything (installer/install-deps.sh), so a skip there would hide
// a broken install step.

#include <QtTest>

#define FOLDWISE_SKIP_OUTSIDE_CI(reason)                                                                              \
    do {                                                                                                              \
        if (qEnvironmentVariableIsSet("CI"))                                                                          \
            QFAIL(qPrintable(QStringLiteral("CI must not skip: ") + (reason)));                                      \
        QSKIP(qPrintable(reason));                                                                                    \
    } while (false)
