#pragma once

// The torchvision CNNs of tests/data/torchvision (unpacked into FOLDWISE_TORCHVISION_DIR by the
// build) and onnxruntime's MACs of them (tests/reference/torchvision/macs.json).

#include "NamedRows.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <iterator>
#include <map>
#include <string>

namespace fixtures {

inline const char* const kTorchvisionModels[] = {"resnet50",       "mobilenet_v2",       "googlenet",
                                                 "densenet121",    "efficientnet_b0",    "squeezenet1_0",
                                                 "shufflenet_v2_x1_0", "regnet_y_400mf", "mnasnet1_0"};

// The "name" column of a data-driven test, a row per model (by default every one above).
inline void addModelRows(const QStringList& names = QStringList(std::begin(kTorchvisionModels),
                                                                std::end(kTorchvisionModels)))
{
    addNamedRows("name", names);
}

inline std::string torchvisionModelPath(const QString& name)
{
    return (QString(FOLDWISE_TORCHVISION_DIR) + "/" + name + ".onnx").toStdString();
}

// macs.json's entry of one model: "total_macs", "layers" and "per_node" (node name -> MACs).
inline QJsonObject onnxruntimeMacs(const QString& name)
{
    QFile f(QString(FOLDWISE_SOURCE_DIR) + "/tests/reference/torchvision/macs.json");
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read macs.json");
    return QJsonDocument::fromJson(f.readAll()).object()["models"].toObject()[name].toObject();
}

// onnxruntime's MACs of each Conv/Gemm/MatMul node, by node name.
inline std::map<std::string, int64_t> onnxruntimeMacsPerNode(const QString& name)
{
    const QJsonObject perNode = onnxruntimeMacs(name)["per_node"].toObject();
    std::map<std::string, int64_t> macs;
    for (auto it = perNode.begin(); it != perNode.end(); ++it)
        macs[it.key().toStdString()] = it.value().toInteger();
    return macs;
}

} // namespace fixtures
