#include "dialogs/OptimiseDialog.h"

#include "dialogs/ArtifactCombo.h"
#include "dialogs/CostModelCombo.h"
#include "dialogs/FineGainSpinBox.h"
#include "dialogs/PathEdit.h"
#include "dialogs/PlatformCombo.h"
#include "tasks/EngineInputs.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

namespace foldwise::gui {

OptimiseDialog::OptimiseDialog(const TaskDialogContext& context, QWidget* parent)
    : TaskDialog(tr("Optimise the Accelerator"), context, parent)
    , platform_(new PlatformCombo({}, this))
    , profile_(new ArtifactCombo(context.profiles, tr("None (dense)"), tr("Profiles (*.json)"), this))
    , optimiser_(new QComboBox(this))
    , costModel_(new CostModelCombo({}, this))
    , gain_(new FineGainSpinBox(this))
    , batch_(new QSpinBox(this))
    , moves_(new QSpinBox(this))
    , seed_(new QSpinBox(this))
{
    optimiser_->setObjectName(QStringLiteral("optimiser"));
    optimiser_->addItem(tr("Simulated annealing"), true);
    optimiser_->addItem(tr("Greedy (fpgaConvNet)"), false);
    form()->addRow(tr("&Platform:"), platform_);
    form()->addRow(tr("P&rofile:"), profile_);
    form()->addRow(tr("&Optimiser:"), optimiser_);
    form()->addRow(tr("&Cost model:"), costModel_);
    form()->addRow(tr("Sparse fine &gain:"), gain_);
    // The gain only matters for sparse convolutions, which need a profile.
    const auto updateGain = [this] { gain_->setEnabled(!profile_->path().isEmpty()); };
    connect(profile_->comboBox(), &QComboBox::currentIndexChanged, this, updateGain);
    updateGain();
    batch_->setRange(1, 1 << 20);
    form()->addRow(tr("&Batch size:"), batch_);

    // The annealing's own settings, off for the greedy optimiser.
    moves_->setRange(0, 100'000'000);
    moves_->setSingleStep(1000);
    moves_->setSpecialValueText(tr("until cold"));
    moves_->setToolTip(tr("Stop the annealing after this many moves"));
    seed_->setRange(0, 1'000'000);
    form()->addRow(tr("&Moves:"), moves_);
    form()->addRow(tr("&Seed:"), seed_);
    connect(optimiser_, &QComboBox::currentIndexChanged, this, [this] {
        const bool annealing = optimiser_->currentData().toBool();
        moves_->setEnabled(annealing);
        seed_->setEnabled(annealing);
    });

    addOutputRow(tr("Output &folder:"), PathEdit::Mode::Folder,
                 context.uniquePath(QStringLiteral("design_") + platform_->currentName()));
}

ops::OptimiseParameters OptimiseDialog::parameters() const
{
    ops::OptimiseParameters p;
    p.model = engineText(model());
    p.platform = platform_->currentName().toStdString();
    p.profile = engineText(profile_->path());
    p.optimiser = optimiser_->currentData().toBool() ? "annealing" : "greedy";
    p.compatible = costModel_->currentName() == QLatin1String("compatible");
    p.gain = gain_->value();
    p.batch = batch_->value();
    p.moves = moves_->value();
    p.seed = static_cast<uint64_t>(seed_->value());
    p.outputDir = engineText(outputPath());
    p.given = {"model", "platform", "profile", "optimiser", "compatible", "gain", "batch", "moves", "seed", "output_dir"};
    return p;
}

QString OptimiseDialog::problem() const
{
    if (platform_->currentName().isEmpty())
        return tr("No platforms found: install Foldwise's platform files or set FOLDWISE_PLATFORMS_DIR.");
    if (!profile_->path().isEmpty()) {
        const QString text = missingFileProblem(profile_->path(), tr("the profile"));
        if (!text.isEmpty())
            return text;
    }
    return outputPath().isEmpty() ? tr("Choose the output folder.") : QString();
}

void OptimiseDialog::rememberChoices() const
{
    platform_->remember();
}

} // namespace foldwise::gui
