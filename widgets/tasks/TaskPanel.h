#pragma once

#include <QDockWidget>
#include <QPointer>

class QPlainTextEdit;
class QPushButton;
class QTreeView;

namespace foldwise::gui {

class Task;
class TaskListModel;
class TaskManager;

// The "Tasks" dock: every task with its progress, status and time; buttons to cancel the
// selected task or all, and to clear finished ones; the selected task's log below.
class TaskPanel : public QDockWidget {
    Q_OBJECT

public:
    explicit TaskPanel(TaskManager* manager, QWidget* parent = nullptr);

    TaskListModel* model() const { return model_; }
    QTreeView* view() const { return view_; }
    Task* selectedTask() const;
    void selectTask(Task* task);

private:
    void showSelected();
    void updateButtons();

    TaskManager* manager_;
    TaskListModel* model_;
    QTreeView* view_;
    QPlainTextEdit* log_;
    QPushButton* cancel_;
    QPushButton* cancelAll_;
    QPushButton* clear_;
    QPointer<Task> shown_;
};

} // namespace foldwise::gui
