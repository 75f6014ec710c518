#pragma once

#include "sweep/RunDirectory.h"

#include <QAbstractTableModel>

#include <memory>

namespace foldwise::gui {

// The iterations of a run log, one row each: index, threshold, accuracy, network sparsity,
// throughput and the bottleneck. The current iteration is bold, the compared one italic.
class RunLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { IterationColumn, ThresholdColumn, AccuracyColumn, SparsityColumn, ThroughputColumn, BottleneckColumn, ColumnCount };
    enum Role { IterationRole = Qt::UserRole + 1 };

    explicit RunLogModel(QObject* parent = nullptr);

    void setRunLog(std::shared_ptr<const sweep::RunDirectory> run);
    void setIterations(int current, int compared);
    // The row of an iteration, or -1.
    int rowOf(int iteration) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const sweep::RunDirectory> run_;
    int current_ = -1;
    int compared_ = -1;
};

} // namespace foldwise::gui
