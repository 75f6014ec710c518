#pragma once

#include <QString>
#include <QStringList>

namespace foldwise::gui {

// What a task dialog starts from: the open model, where outputs go by default and the project's
// files a task may take as input.
struct TaskDialogContext {
    QString model;          // the model file the task runs on
    QString outputFolder;   // default folder for outputs (beside the model, or the project's)
    QString stem;           // the model's file name without suffix, for output names
    QStringList profiles;   // the project's profiles, newest last
    QStringList designs;    // the project's designs, newest last
    qint64 parameters = 0;  // the model's parameter count (a pruning target starts from it)

    // `outputFolder`/<stem>_<what>.<suffix>, numbered (_2, _3, ...) when that file exists
    // already, so a default never overwrites an earlier result.
    QString uniquePath(const QString& what, const QString& suffix = {}) const;
};

} // namespace foldwise::gui
