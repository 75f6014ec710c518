#pragma once

#include "tasks/Task.h"

#include <cstddef>

namespace foldwise::gui {

struct ProfileSettings {
    QString model;
    QString data;        // as for `foldwise-cli profile --data`: file, folder or synthetic:N[:SEED]
    QString labels;      // optional, recorded in the provenance
    std::size_t limit = 0; // the first N items only; 0: all
    QString output;      // profile.json to write
};

// Profiles activation sparsity over calibration data (core/profile/Profiler.h) and writes the
// profile. The profiler writes nothing itself and the file is written atomically after the run,
// so a cancelled or failed profile leaves no file.
class ProfileTask : public Task {
    Q_OBJECT

public:
    explicit ProfileTask(ProfileSettings settings, QObject* parent = nullptr);
    const ProfileSettings& settings() const { return settings_; }

protected:
    void run() override;

private:
    const ProfileSettings settings_;
};

} // namespace foldwise::gui
