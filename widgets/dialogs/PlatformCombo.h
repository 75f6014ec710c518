#pragma once

#include <QComboBox>

namespace foldwise::gui {

// The bundled platforms (core/hw/Platform.h bundledPlatformNames) to choose from, the last one
// used first selected. With an "own" entry first when the caller allows one (e.g. "the
// design's").
class PlatformCombo : public QComboBox {
    Q_OBJECT

public:
    explicit PlatformCombo(const QString& noneText = {}, QWidget* parent = nullptr);

    // The platform name; empty for the "own" entry.
    QString platform() const;
    void setPlatform(const QString& name);
    void remember() const;
};

} // namespace foldwise::gui
