#pragma once

#include <QIcon>
#include <QString>

namespace foldwise::gui {

// The resources compiled into the widgets library (resources/foldwise.qrc).
namespace resources {

inline constexpr auto kExampleModel = ":/example/digits_cnn.onnx";
// A ReLU-threshold sweep of the example model (resources/example/README.md).
inline constexpr auto kExampleSweep = ":/example/sweep_uniform";
inline constexpr auto kApplicationIcon = ":/icons/foldwise.svg";

// Registers the compiled resources. The library is static, so an executable must call this
// once before the first ":/..." access (MainWindow's constructor does).
void init();

// The application icon, rendered from its SVG at the usual icon sizes.
QIcon applicationIcon();

} // namespace resources
} // namespace foldwise::gui
