#include "dialogs/PreferencesDialog.h"

#include "Preferences.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

namespace foldwise::gui {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : FormDialog(tr("Preferences"), parent)
    , language_(new QComboBox(this))
    , tasks_(new QSpinBox(this))
    , autosave_(new QSpinBox(this))
{
    language_->setObjectName(QStringLiteral("language"));
    language_->addItem(tr("System default"), QString());
    // Each language in its own name, so that one can find one's way back from any of them.
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    language_->setCurrentIndex(std::max(0, language_->findData(preferences::language())));
    tasks_->setObjectName(QStringLiteral("concurrentTasks"));
    tasks_->setRange(1, 16);
    tasks_->setValue(preferences::concurrentTasks());
    tasks_->setToolTip(tr("Each task already uses every core; more than one at a time rarely finishes sooner"));
    autosave_->setRange(5, 3600);
    autosave_->setSuffix(tr(" s"));
    autosave_->setValue(preferences::autosaveSeconds());

    form()->addRow(tr("&Language:"), language_);
    auto* note = new QLabel(tr("A new language applies when Foldwise starts again."), this);
    note->setWordWrap(true);
    form()->addRow(QString(), note);
    form()->addRow(tr("&Tasks at once:"), tasks_);
    form()->addRow(tr("&Autosave every:"), autosave_);
    // The frame made OK and Cancel before the fields; the fields come first in the tab order, as
    // on screen, so that the language has the focus when the dialog opens.
    QPushButton* ok = buttons()->button(QDialogButtonBox::Ok);
    setTabOrder(autosave_, ok);
    setTabOrder(ok, buttons()->button(QDialogButtonBox::Cancel));
}

void PreferencesDialog::accept()
{
    preferences::setLanguage(language_->currentData().toString());
    preferences::setConcurrentTasks(tasks_->value());
    preferences::setAutosaveSeconds(autosave_->value());
    FormDialog::accept();
}

} // namespace foldwise::gui
