#include "dialogs/SweepDialog.h"

#include "dialogs/ArtifactCombo.h"
#include "dialogs/CalibrationFields.h"
#include "dialogs/FineGainSpinBox.h"
#include "dialogs/PathEdit.h"
#include "dialogs/PlatformCombo.h"
#include "model/ModelError.h"
#include "tasks/EngineInputs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

namespace foldwise::gui {

SweepDialog::SweepDialog(const TaskDialogContext& context, QWidget* parent)
    : TaskDialog(tr("Sweep ReLU Thresholds"), context, parent)
    , calibration_(new CalibrationFields(form(), this))
    , platform_(new PlatformCombo({}, this))
    , policy_(new QComboBox(this))
    , mode_(new QComboBox(this))
    , fixedDesign_(new ArtifactCombo(context.designs, tr("None (optimise once)"),
                                     tr("Designs (design.json, fpgaConvNet config.json) (*.json)"), this))
    , gain_(new FineGainSpinBox(this))
    , increment_(new QDoubleSpinBox(this))
    , relative_(new QCheckBox(tr("Fraction of each ReLU's largest input"), this))
    , iterations_(new QSpinBox(this))
    , maxDrop_(new QDoubleSpinBox(this))
    , runDirectory_(new PathEdit(PathEdit::Mode::Folder))
    , resumeNote_(new QLabel(this))
    , useSettings_(new QPushButton(tr("&Use Its Settings"), this))
{
    policy_->setObjectName(QStringLiteral("policy"));
    policy_->addItem(tr("Uniform: every ReLU"), QStringLiteral("uniform"));
    policy_->addItem(tr("Slowest node: the ReLUs feeding the bottleneck"), QStringLiteral("slowest_node"));
    mode_->setObjectName(QStringLiteral("mode"));
    mode_->addItem(tr("Fixed hardware (optimise once)"), QStringLiteral("fixed"));
    mode_->addItem(tr("Re-optimise every iteration"), QStringLiteral("reoptimise"));
    mode_->addItem(tr("Normalised (against a dense design at the same DSPs)"), QStringLiteral("normalised"));
    fixedDesign_->setObjectName(QStringLiteral("fixedDesign"));
    fixedDesign_->setPath(QString()); // optimising once unless the user picks a design
    fixedDesign_->setToolTip(tr("Fixed mode: re-evaluate this design (design.json or fpgaConvNet's config.json) with "
                                "each iteration's sparsity instead of optimising once"));
    increment_->setObjectName(QStringLiteral("increment"));
    increment_->setDecimals(4);
    increment_->setRange(0.0001, 1000);
    increment_->setSingleStep(0.005);
    increment_->setValue(0.005);
    iterations_->setObjectName(QStringLiteral("iterations"));
    iterations_->setRange(0, 10'000);
    iterations_->setValue(10);
    iterations_->setToolTip(tr("Iterations after the first (all thresholds 0)"));
    maxDrop_->setRange(0, 100);
    maxDrop_->setDecimals(1);
    maxDrop_->setSuffix(tr(" points"));
    maxDrop_->setSpecialValueText(tr("no limit"));
    maxDrop_->setToolTip(tr("Stop once the accuracy fell this many percentage points"));
    runDirectory_->setObjectName(QStringLiteral("runDirectory"));
    resumeNote_->setWordWrap(true);
    resumeNote_->hide();
    useSettings_->hide();

    form()->addRow(tr("&Platform:"), platform_);
    form()->addRow(tr("P&olicy:"), policy_);
    form()->addRow(tr("&Mode:"), mode_);
    form()->addRow(tr("&Fixed hardware:"), fixedDesign_);
    form()->addRow(tr("Sparse fine &gain:"), gain_);
    form()->addRow(tr("&Increment:"), increment_);
    form()->addRow(QString(), relative_);
    form()->addRow(tr("I&terations:"), iterations_);
    form()->addRow(tr("Stop at accuracy &drop:"), maxDrop_);
    form()->addRow(tr("&Run directory:"), runDirectory_);
    auto* resume = new QHBoxLayout;
    resume->addWidget(resumeNote_, 1);
    resume->addWidget(useSettings_);
    form()->addRow(QString(), resume);

    connect(mode_, &QComboBox::currentIndexChanged, this, &SweepDialog::updateEnabled);
    connect(fixedDesign_->comboBox(), &QComboBox::currentIndexChanged, this, &SweepDialog::updateEnabled);
    connect(runDirectory_, &PathEdit::pathChanged, this, &SweepDialog::runDirectoryChanged);
    connect(useSettings_, &QPushButton::clicked, this, [this] {
        QString error;
        if (!loadRunDirectory(runDirectory_->path(), error))
            resumeNote_->setText(error);
    });
    runDirectory_->setPath(context.uniquePath(QStringLiteral("sweep")));
    runDirectoryChanged();
    updateEnabled();
}

ops::SweepParameters SweepDialog::parameters() const
{
    ops::SweepParameters p;
    p.model = engineText(model());
    p.data = engineText(calibration_->data());
    p.labels = engineText(calibration_->labels());
    p.platform = platform_->currentName().toStdString();
    p.policy = parseEnum<sweep::PolicyKind>(policy_->currentData().toString().toStdString());
    p.mode = parseEnum<sweep::HardwareMode>(mode_->currentData().toString().toStdString());
    // Only the fixed mode starts from a design (the engine refuses one for the other modes).
    if (p.mode == sweep::HardwareMode::Fixed)
        p.design = engineText(fixedDesign_->path());
    p.gain = gain_->value();
    p.increment = increment_->value();
    p.relative = relative_->isChecked();
    p.iterations = iterations_->value();
    if (maxDrop_->value() > 0)
        p.maxDrop = maxDrop_->value();
    p.outputDir = engineText(runDirectory_->path());
    p.given = {"model", "data", "labels", "platform", "policy", "mode", "design", "gain", "increment", "relative",
               "iterations", "max_drop", "output_dir"};
    return p;
}

bool SweepDialog::loadRunDirectory(const QString& folder, QString& error)
{
    // The manifest's record of how the sweep started, read as `foldwise-cli sweep --resume` does.
    ops::SweepParameters s;
    s.resume = engineText(folder);
    try {
        ops::fillFromRunDirectory(s);
    } catch (const ModelError& e) {
        error = QString::fromStdString(e.what());
        return false;
    }
    runDirectory_->setPath(QFileInfo(folder).absoluteFilePath());
    calibration_->setData(QString::fromStdString(s.data));
    calibration_->setLabels(QString::fromStdString(s.labels));
    platform_->setPlatform(QString::fromStdString(s.platform));
    policy_->setCurrentIndex(std::max(0, policy_->findData(QString::fromStdString(enumName(s.policy)))));
    mode_->setCurrentIndex(std::max(0, mode_->findData(QString::fromStdString(enumName(s.mode)))));
    fixedDesign_->setPath(QString::fromStdString(s.design));
    gain_->setValue(s.gain);
    increment_->setValue(s.increment);
    relative_->setChecked(s.relative);
    iterations_->setValue(s.iterations);
    resumeNote_->setText(tr("Settings of the sweep in this folder: running continues it."));
    return true;
}

void SweepDialog::runDirectoryChanged()
{
    const bool holdsSweep = QFileInfo::exists(QDir(runDirectory_->path()).filePath(QStringLiteral("manifest.json")));
    resumeNote_->setVisible(holdsSweep);
    useSettings_->setVisible(holdsSweep);
    if (holdsSweep)
        resumeNote_->setText(tr("This folder holds a sweep: with the same settings, running continues it."));
}

void SweepDialog::updateEnabled()
{
    const bool fixed = mode_->currentData().toString() == QLatin1String("fixed");
    fixedDesign_->setEnabled(fixed);
    // A fixed design given: nothing is optimised, so the gain has nothing to do.
    gain_->setEnabled(!fixed || fixedDesign_->path().isEmpty());
}

QString SweepDialog::problem() const
{
    QString text = calibration_->problem();
    if (text.isEmpty() && mode_->currentData().toString() == QLatin1String("fixed") && !fixedDesign_->path().isEmpty())
        text = missingFileProblem(fixedDesign_->path(), tr("the fixed hardware's design"));
    if (text.isEmpty() && platform_->currentName().isEmpty())
        text = tr("No platforms found: install Foldwise's platform files or set FOLDWISE_PLATFORMS_DIR.");
    if (text.isEmpty() && runDirectory_->path().isEmpty())
        text = tr("Choose the run directory.");
    return text;
}

void SweepDialog::rememberChoices() const
{
    calibration_->remember();
    platform_->remember();
}

} // namespace foldwise::gui
