#pragma once

class QAbstractItemModel;
class QString;
class QTableView;
class QWidget;

namespace foldwise::gui {

// A read-only table of records, one a row (the layers, a design's fidelity, a sweep's
// iterations): whole rows selected one at a time, alternating colours, no row numbers, and rows
// `rowPadding` pixels taller than the text, so that many fit on screen.
QTableView* newRecordTable(const QString& objectName, QAbstractItemModel* model, int rowPadding, QWidget* parent);

} // namespace foldwise::gui
