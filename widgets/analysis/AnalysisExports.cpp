#include "analysis/AnalysisExports.h"

#include "analysis/AnalysisFiles.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Fidelity.h"
#include "io/CsvText.h"
#include "model/Model.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/Sha256.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>

namespace foldwise::gui::exports {
namespace {

class ExportText {
    Q_DECLARE_TR_FUNCTIONS(ExportText)
};

bool fail(QString* error, const QString& path, const QString& reason)
{
    if (error)
        //: %1 is a file path, %2 what went wrong
        *error = ExportText::tr("%1: %2").arg(QDir::toNativeSeparators(path), reason);
    return false;
}

bool writeText(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, path, file.errorString());
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return fail(error, path, file.errorString());
    }
    if (!file.commit())
        return fail(error, path, file.errorString());
    return true;
}

bool writeJson(const QString& path, const nlohmann::json& json, QString* error)
{
    return writeText(path, QByteArray::fromStdString(json.dump(2) + "\n"), error);
}

QString csvField(const QString& text)
{
    return QString::fromStdString(foldwise::csvField(text.toStdString()));
}

} // namespace

bool tableCsv(const QAbstractItemModel& model, const QString& path, QString* error)
{
    QStringList lines;
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c)
        header << csvField(model.headerData(c, Qt::Horizontal).toString());
    lines << header.join(QLatin1Char(','));
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model.columnCount(); ++c)
            row << csvField(model.index(r, c).data().toString());
        lines << row.join(QLatin1Char(','));
    }
    return writeText(path, (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8(), error);
}

bool fidelityCsv(const fpgaconvnet::FidelityReport& report, const QString& path, QString* error)
{
    return writeText(path, QByteArray::fromStdString(fpgaconvnet::fidelityCsv(report)), error);
}

bool graphImage(QGraphicsScene& scene, const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QRectF source = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty())
        return fail(error, path, ExportText::tr("the graph has not been laid out yet"));
    QSaveFile file(path);
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
        return fail(error, path, ExportText::tr("unknown image type; use .png or .svg"));
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, path, file.errorString());
    if (suffix == QLatin1String("png")) {
        // Twice the scene's size for sharp text, capped so huge graphs stay within memory.
        const double scale = std::min(2.0, 16000.0 / std::max(source.width(), source.height()));
        QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), image.size()), source);
        painter.end();
        if (!image.save(&file, "PNG")) {
            file.cancelWriting();
            return fail(error, path, ExportText::tr("cannot encode the PNG image"));
        }
    } else {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(source.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
        generator.setTitle(QStringLiteral("Foldwise graph"));
        QPainter painter(&generator);
        scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
    }
    if (!file.commit())
        return fail(error, path, file.errorString());
    return true;
}

bool designJson(const DesignAnalysis& design, const Model& model, const QString& path, QString* error)
{
    try {
        return writeJson(path, fpgaconvnet::designJson(*design.evaluator, model.file().string(), sha256OfFile(model.file())), error);
    } catch (const std::exception& e) {
        return fail(error, path, QString::fromStdString(e.what()));
    }
}

bool fpgaConvNetConfig(const DesignAnalysis& design, const QString& path, QString* error)
{
    try { // formatted as fpgaConvNet writes it (key order, no final newline)
        return writeText(path, QByteArray::fromStdString(fpgaconvnet::configJson(*design.evaluator).dump(2, ' ', true)), error);
    } catch (const std::exception& e) {
        return fail(error, path, QString::fromStdString(e.what()));
    }
}

bool fpgaConvNetReport(const DesignAnalysis& design, const QString& path, QString* error)
{
    return writeJson(path, fpgaconvnet::reportJson(*design.evaluator), error);
}

bool thresholdsJson(const std::map<std::string, float>& thresholds, const QString& path, QString* error)
{
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [node, t] : thresholds)
        json[node] = t;
    return writeJson(path, json, error);
}

bool annotatedModel(const Model& model, const ActivationProfile& profile, const QString& path, QString* error)
{
    try {
        writeAnnotatedModel(model, profile, toFilesystemPath(path));
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = loadErrorMessage(path, e);
        return false;
    }
}

} // namespace foldwise::gui::exports
