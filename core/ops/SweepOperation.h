#pragma once

#include "ops/HardwareParameters.h"
#include "sweep/Sweep.h"

namespace foldwise::ops {

// Raises ReLU thresholds step by step and records accuracy, sparsity and throughput per
// iteration in a run directory; `resume` continues one (what is not given comes from its
// manifest).
struct SweepParameters : HardwareParameters {
    std::string data;
    std::string labels;
    sweep::PolicyKind policy = sweep::PolicyKind::Uniform;
    sweep::HardwareMode mode = sweep::HardwareMode::Fixed;
    std::string design;
    double gain = 1.2;
    double increment = 0.005;
    bool relative = false;
    int iterations = 10;
    double maxDrop = -1;   // < 0: no limit
    double targetFps = -1; // <= 0: no target
    std::uint64_t cacheMb = 1024;
    std::uint64_t threads = 0;
    std::string resume;
};

const Operation& sweepOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<SweepParameters>& p);
OperationResult run(const SweepParameters& p, OperationContext& context);

// What `p.resume`'s manifest records of how the sweep was started, for the parameters not given
// (as `foldwise-cli sweep --resume RUNDIR` and the GUI's Resume Sweep take them). Throws
// ModelError naming the manifest when the folder holds no sweep or a malformed record.
void fillFromRunDirectory(SweepParameters& p);

} // namespace foldwise::ops
