#pragma once

#include "layers/ModelSummary.h"
#include "model/Model.h"

#include <QObject>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace foldwise::gui {

// The model the window shows: loads an ONNX file, summarises it and tells views when it
// changed. All loading goes through here, so moving it to a background thread later only
// touches this class. A failed load keeps the previous model.
class ModelDocument : public QObject {
    Q_OBJECT

public:
    explicit ModelDocument(QObject* parent = nullptr);
    ~ModelDocument() override;

    // Loads `path`; emits modelChanged() on success, loadFailed() otherwise.
    bool open(const QString& path);
    // Loads the example model bundled in the resources (copied to a temporary file).
    bool openBundledExample();

    bool hasModel() const { return model_ != nullptr; }
    // Both null until a model has loaded; shared so views may keep a consistent snapshot.
    std::shared_ptr<const Model> model() const { return model_; }
    std::shared_ptr<const ModelSummary> summary() const { return summary_; }

    QString filePath() const { return filePath_; }
    QString fileName() const;
    bool isBundledExample() const { return bundledExample_; }

signals:
    void modelChanged();
    // `message` is one line naming the file and the problem.
    void loadFailed(const QString& path, const QString& message);

private:
    bool load(const QString& path, bool bundledExample);

    std::shared_ptr<const Model> model_;
    std::shared_ptr<const ModelSummary> summary_;
    QString filePath_;
    bool bundledExample_ = false;
    std::unique_ptr<QTemporaryDir> exampleDir_;
};

} // namespace foldwise::gui
