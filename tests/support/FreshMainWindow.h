#pragma once

// How each widget test starts: the settings earlier tests left cleared, and a new main window
// that reports load errors through its signal only (no modal dialog waiting for a click).

#include "MainWindow.h"

#include <QSettings>

#include <memory>

namespace fixtures {

inline std::unique_ptr<foldwise::gui::MainWindow> freshMainWindow()
{
    QSettings().clear();
    auto window = std::make_unique<foldwise::gui::MainWindow>();
    window->setErrorDialogsEnabled(false);
    return window;
}

} // namespace fixtures
