#include "graph/GraphFindBar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

namespace foldwise::gui {

GraphFindBar::GraphFindBar(QWidget* parent)
    : QWidget(parent)
    , field_(new QLineEdit(this))
    , status_(new QLabel(this))
{
    setObjectName(QStringLiteral("graphFindBar"));
    field_->setObjectName(QStringLiteral("graphFindField"));
    field_->setPlaceholderText(tr("Find a node by name or op type"));
    field_->setClearButtonEnabled(true);
    field_->installEventFilter(this);
    status_->setObjectName(QStringLiteral("graphFindStatus"));

    auto* previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setAutoRaise(true);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto* next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setAutoRaise(true);
    next->setToolTip(tr("Next match (Enter)"));
    auto* closeButton = new QToolButton(this);
    closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeButton->setAutoRaise(true);
    closeButton->setToolTip(tr("Close the find bar (Escape)"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Find:"), this));
    layout->addWidget(field_, 1);
    layout->addWidget(status_);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(closeButton);

    connect(field_, &QLineEdit::textChanged, this, &GraphFindBar::textChanged);
    connect(previous, &QToolButton::clicked, this, &GraphFindBar::findPrevious);
    connect(next, &QToolButton::clicked, this, &GraphFindBar::findNext);
    connect(closeButton, &QToolButton::clicked, this, &GraphFindBar::close);
    hide();
}

QString GraphFindBar::text() const
{
    return field_->text();
}

void GraphFindBar::setText(const QString& text)
{
    field_->setText(text);
}

void GraphFindBar::setMatches(int current, int total)
{
    if (field_->text().isEmpty())
        status_->clear();
    else if (total == 0)
        status_->setText(tr("No match"));
    else
        //: %1 is the current match, %2 how many nodes match
        status_->setText(tr("%1 of %2").arg(current).arg(total));
}

void GraphFindBar::activate()
{
    show();
    field_->setFocus(Qt::ShortcutFocusReason);
    field_->selectAll();
}

void GraphFindBar::close()
{
    hide();
    emit closed();
}

bool GraphFindBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == field_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                emit findPrevious();
            else
                emit findNext();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            close();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace foldwise::gui
