#pragma once

// The base of a test suite whose cases write files: one temporary folder for the suite, removed
// with it, and path(name) inside it. (No Q_OBJECT of its own: the suite class declares it.)

#include <QObject>
#include <QString>
#include <QTemporaryDir>

namespace fixtures {

class ScratchFolderTest : public QObject {
protected:
    // For initTestCase: QTemporaryDir could create the folder.
    bool scratchReady() const { return folder_.isValid(); }
    QString path(const QString& name) const { return folder_.filePath(name); }

private:
    QTemporaryDir folder_;
};

} // namespace fixtures
