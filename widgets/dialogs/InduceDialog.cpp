#include "dialogs/InduceDialog.h"

#include "dialogs/CalibrationFields.h"
#include "dialogs/PathEdit.h"
#include "tasks/EngineInputs.h"
#include "tasks/OperationTask.h"

#include "passes/InducedReluMapping.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <exception>
#include <limits>

namespace foldwise::gui {

InduceDialog::InduceDialog(const QString& title, const TaskDialogContext& context, QWidget* parent)
    : PassDialog(title, QStringLiteral("induced"), context, parent)
    , mapping_(new PathEdit(PathEdit::Mode::OpenFile, tr("Mappings (*.json)")))
    , prototypes_(new QLineEdit(this))
    , calibration_(nullptr)
    , seed_(new QSpinBox(this))
    , measureAccuracy_(new QCheckBox(tr("Measure accuracy and fidelity before and after"), this))
    , writeChoosing_(new QCheckBox(tr("Also write prototypes and choosing maps (<output>_choosing/)"), this))
{
    mapping_->setObjectName(QStringLiteral("mappingPath"));
    mapping_->setToolTip(tr("JSON: {\"inducer ReLU\": [\"inducer ReLU\", \"induced ReLU\", ...], "
                            "\"overrides\": {\"ReLU\": \"identity\"}}"));
    prototypes_->setObjectName(QStringLiteral("prototypes"));
    prototypes_->setPlaceholderText(tr("N[,N...] per inducer, in mapping order"));
    seed_->setObjectName(QStringLiteral("seed"));
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setToolTip(tr("Seed of the first prototype (farthest-point sampling)"));
    measureAccuracy_->setObjectName(QStringLiteral("measureAccuracy"));
    measureAccuracy_->setChecked(true);
    writeChoosing_->setObjectName(QStringLiteral("writeChoosingMaps"));
    writeChoosing_->setToolTip(tr("The prototype units and, per induced layer, its choosing map as .npy, for training"));

    form()->insertRow(0, tr("&Mapping:"), mapping_);
    form()->insertRow(1, tr("P&rototypes:"), prototypes_);
    calibration_ = new CalibrationFields(form(), this);
    form()->addRow(tr("&Seed:"), seed_);
    form()->addRow(QString(), measureAccuracy_);
    form()->addRow(QString(), writeChoosing_);
}

ops::InduceParameters InduceDialog::parameters() const
{
    const ops::PassParameters pass = passParameters();
    ops::InduceParameters p;
    p.model = pass.model;
    p.output = pass.output;
    // The induce operation always writes its report: beside the model unless the user asked
    // for the usual one.
    const QFileInfo output(QString::fromStdString(pass.output));
    p.report = pass.report.empty()
        ? engineText(output.absoluteDir().filePath(output.completeBaseName() + QStringLiteral(".json")))
        : pass.report;
    p.mapping = engineText(mapping_->path());
    p.prototypes = parsePositiveIntegers(prototypes_->text()).value_or(std::vector<int64_t>{});
    p.data = engineText(calibration_->data());
    p.labels = engineText(calibration_->labels());
    p.seed = static_cast<uint64_t>(seed_->value());
    p.noAccuracy = !measureAccuracy_->isChecked();
    if (writeChoosing_->isChecked())
        p.choosingDir = engineText(output.absoluteDir().filePath(output.completeBaseName() + QStringLiteral("_choosing")));
    p.given = {"model", "output", "report", "mapping", "prototypes", "data", "labels", "seed", "no_accuracy", "choosing_dir"};
    return p;
}

std::unique_ptr<OperationTask> InduceDialog::createTask() const
{
    return std::make_unique<OperationTask>(ops::induceOperation(), std::make_unique<ops::InduceParameters>(parameters()));
}

QString InduceDialog::problem() const
{
    QString text = missingFileProblem(mapping_->path(), tr("the mapping"));
    if (!text.isEmpty())
        return text;
    // The mapping is small: read it here, so a wrong file or a wrong prototype count is said
    // before the task starts instead of after the calibration data was read.
    std::size_t inducers = 0;
    try {
        inducers = passes::readInducedReluMapping(enginePath(mapping_->path())).inducers.size();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const std::vector<int64_t> counts = parsePositiveIntegers(prototypes_->text()).value_or(std::vector<int64_t>{});
    if (counts.empty())
        return tr("Give the prototype units per inducer as positive integers separated by commas, e.g. \"64,128\".");
    if (counts.size() != inducers)
        return tr("The mapping has %n inducer(s); give one prototype count for each.", nullptr, static_cast<int>(inducers));
    text = calibration_->problem();
    return text.isEmpty() ? PassDialog::problem() : text;
}

void InduceDialog::rememberChoices() const
{
    calibration_->remember();
}

} // namespace foldwise::gui
