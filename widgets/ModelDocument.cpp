#include "ModelDocument.h"

#include "Resources.h"
#include "tasks/EngineInputs.h"

#include "model/ModelError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <exception>
#include <filesystem>

namespace foldwise::gui {

ModelDocument::ModelDocument(QObject* parent)
    : QObject(parent)
{
}

ModelDocument::~ModelDocument() = default;

QString ModelDocument::fileName() const
{
    return QFileInfo(filePath_).fileName();
}

bool ModelDocument::open(const QString& path)
{
    return load(path, false);
}

bool ModelDocument::openBundledExample()
{
    resources::init();
    const QString source = QString::fromLatin1(resources::kExampleModel);
    if (!exampleDir_) {
        auto dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid()) {
            emit loadFailed(source, tr("%1: cannot create a temporary directory: %2").arg(source, dir->errorString()));
            return false;
        }
        exampleDir_ = std::move(dir);
    }
    const QString target = exampleDir_->filePath(QFileInfo(source).fileName());
    if (!QFileInfo::exists(target)) {
        QFile file(source);
        if (!file.copy(target)) {
            emit loadFailed(source, tr("%1: cannot copy the example model to %2: %3")
                                        .arg(source, QDir::toNativeSeparators(target), file.errorString()));
            return false;
        }
    }
    return load(target, true);
}

bool ModelDocument::load(const QString& path, bool bundledExample)
{
    std::shared_ptr<const Model> model;
    std::shared_ptr<const ModelSummary> summary;
    try {
        model = Model::load(enginePath(path));
        summary = std::make_shared<const ModelSummary>(summariseModel(*model));
    } catch (const ModelError& error) {
        emit loadFailed(path, QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception& error) {
        //: %1 is a file path, %2 the error reported by the loader
        emit loadFailed(path, tr("%1: %2").arg(QDir::toNativeSeparators(path), QString::fromStdString(error.what())));
        return false;
    }
    model_ = std::move(model);
    summary_ = std::move(summary);
    filePath_ = QFileInfo(path).absoluteFilePath();
    bundledExample_ = bundledExample;
    emit modelChanged();
    return true;
}

} // namespace foldwise::gui
