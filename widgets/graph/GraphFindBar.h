#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace foldwise::gui {

// The graph's find bar (Ctrl+F): a field matched against layer names and op types, with
// next/previous and the match count. Enter goes to the next match, Shift+Enter to the
// previous one, Escape closes the bar. The page does the matching.
class GraphFindBar : public QWidget {
    Q_OBJECT

public:
    explicit GraphFindBar(QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    // Shows "current of total" (current counts from 1), or that nothing matches.
    void setMatches(int current, int total);

public slots:
    void activate(); // shows the bar and focuses the field with its text selected

signals:
    void textChanged(const QString& text);
    void findNext();
    void findPrevious();
    void closed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void close();

    QLineEdit* field_;
    QLabel* status_;
};

} // namespace foldwise::gui
