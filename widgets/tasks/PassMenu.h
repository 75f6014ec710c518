#pragma once

// The model passes the Tasks menu offers (each an operation of core/ops, run as an
// OperationTask from its dialog).

#include <QList>
#include <QString>

#include <functional>
#include <memory>

class QWidget;

namespace foldwise::gui {

class PassDialog;
struct TaskDialogContext;

// Adding a pass: its operation in core/ops, its dialog when it has options (a PassDialog
// subclass), and one entry in availablePasses().
struct PassKind {
    QString id;        // the operation's id, "fold-bn" as the CLI command
    QString title;     // menu text, translated
    QString statusTip; // translated
    // The pass's dialog (title without the menu's '&' and ellipsis); it creates the task.
    std::function<std::unique_ptr<PassDialog>(const QString& title, const TaskDialogContext& context, QWidget* parent)>
        dialog;
};
QList<PassKind> availablePasses();

} // namespace foldwise::gui
