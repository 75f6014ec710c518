#include "tasks/DesignOutputs.h"

#include "tasks/EngineInputs.h"

#include "hw/ReportTable.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Fidelity.h"
#include "io/DirectoryTransaction.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/Sha256.h"

#include <QCoreApplication>
#include <QLocale>

#include <nlohmann/json.hpp>

namespace foldwise::gui {
namespace {

class DesignText {
    Q_DECLARE_TR_FUNCTIONS(DesignOutputs)
};

} // namespace

void writeDesignOutputs(const QString& folder, const fpgaconvnet::Evaluator& e, const Model& model)
{
    // One replacement of the folder's old set (data/DirectoryTransaction.h): the project and
    // the analysis pages never pair a new design.json with an old config.json.
    DirectoryTransaction transaction(enginePath(folder));
    const std::filesystem::path dir = transaction.folder();
    fpgaconvnet::writeConfigJsonFile(dir / "config.json", fpgaconvnet::configJson(e));
    fpgaconvnet::writeJsonFile(dir / "report.json", fpgaconvnet::reportJson(e));
    writeTextFile(dir / "layers.csv", layerTableCsv(e.estimate()));
    fpgaconvnet::writeJsonFile(dir / "design.json",
                               fpgaconvnet::designJson(e, model.file().string(), sha256OfFile(model.file())));
    transaction.commit();
}

QString designSummary(const fpgaconvnet::Evaluator& e)
{
    const NetworkEstimate estimate = e.estimate();
    const QLocale locale;
    //: %1 frames per second, %2 latency in ms, %3 DSPs, %4 partitions, %5 platform
    QString text = DesignText::tr("%1 FPS, latency %2 ms, %3 DSP, %4 partition(s) on %5")
                       .arg(locale.toString(estimate.throughputFps, 'f', 1), locale.toString(estimate.latencySeconds * 1e3, 'g', 4),
                            locale.toString(estimate.total.dsp, 'f', 0))
                       .arg(estimate.partitions)
                       .arg(QString::fromStdString(e.design().platform.name));
    if (!e.feasible())
        text += DesignText::tr(" — does not fit: %1").arg(QString::fromStdString(e.infeasibility()));
    return text;
}

void writeFidelityOutputs(const QString& folder, const fpgaconvnet::FidelityReport& report)
{
    DirectoryTransaction transaction(enginePath(folder));
    writeTextFile(transaction.folder() / "fidelity.csv", fpgaconvnet::fidelityCsv(report));
    fpgaconvnet::writeJsonFile(transaction.folder() / "fidelity.json", fpgaconvnet::fidelityJson(report));
    transaction.commit();
}

QString fidelitySummary(const fpgaconvnet::FidelityReport& r)
{
    const QLocale locale;
    //: %1 and %2 frames per second; %3 LUTs and %4 BRAM18 blocks fpgaConvNet's squeeze layers add
    QString text = DesignText::tr("Foldwise's model %1 FPS, fpgaConvNet's %2 FPS; fpgaConvNet's squeezes add %3 LUT and %4 BRAM")
                       .arg(locale.toString(r.nativeFps, 'f', 1), locale.toString(r.compatibleFps, 'f', 1),
                            locale.toString(r.squeezes.lut, 'f', 0), locale.toString(r.squeezes.bram18, 'f', 0));
    if (!r.compatibleInfeasibility.empty())
        text += DesignText::tr(" — fpgaConvNet would not build it: %1").arg(QString::fromStdString(r.compatibleInfeasibility));
    return text;
}

} // namespace foldwise::gui
