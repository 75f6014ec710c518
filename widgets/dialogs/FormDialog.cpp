#include "dialogs/FormDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QVBoxLayout>

namespace foldwise::gui {

FormDialog::FormDialog(const QString& title, QWidget* parent)
    : QDialog(parent)
    , layout_(new QVBoxLayout(this))
    , form_(new QFormLayout)
    , buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    layout_->addLayout(form_);
    layout_->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &FormDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &FormDialog::reject);
}

void FormDialog::addAboveForm(QWidget* widget)
{
    layout_->insertWidget(layout_->indexOf(form_), widget);
}

void FormDialog::addBelowForm(QWidget* widget)
{
    layout_->insertWidget(layout_->indexOf(buttons_), widget);
}

} // namespace foldwise::gui
