#pragma once

#include "layers/LayerKind.h"
#include "model/Shape.h"
#include "model/Tensor.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace foldwise::gui {

// How figures, shapes and kinds read on screen, shared by the table, the properties and the
// status bar. Numbers are grouped by the current locale ("294,912"; "294.912" in German).
class DisplayText {
    Q_DECLARE_TR_FUNCTIONS(DisplayText)

public:
    DisplayText() = delete;

    static QString unknown(); // "?"
    static QString count(int64_t value);
    static QString count(const std::optional<int64_t>& value); // unknown() for nullopt
    static QString shape(const Shape& shape, bool known);       // "1x3x224x224", "scalar", "?"
    static QString intList(const std::vector<int64_t>& values); // "[1, 1, 2, 2]"
    static QString kind(LayerKind kind);                        // "Convolution"
    static QString variant(const std::string& variant);          // "depthwise", "ReLU6"
    static QString kind(LayerKind kind, const std::string& variant); // "Convolution (depthwise)"
    static QString tensorRole(TensorRole role);
    static QString domain(const std::string& domain);           // "ai.onnx" for the default
    static QString customOpNote(); // the explanation shown wherever a custom op is marked
};

} // namespace foldwise::gui
