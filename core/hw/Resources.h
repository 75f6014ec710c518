#pragma once

#include <string>

namespace foldwise {

// FPGA resources in the units vendors and fpgaConvNet/FINN count them: DSP slices, 18 Kb block
// RAMs, LUTs, flip-flops, UltraRAM blocks. Doubles, since estimates may be fractional.
struct ResourceUsage {
    double dsp = 0;
    double bram18 = 0;
    double lut = 0;
    double ff = 0;
    double uram = 0;

    ResourceUsage& operator+=(const ResourceUsage& o)
    {
        dsp += o.dsp;
        bram18 += o.bram18;
        lut += o.lut;
        ff += o.ff;
        uram += o.uram;
        return *this;
    }
    friend ResourceUsage operator+(ResourceUsage a, const ResourceUsage& b) { return a += b; }
    bool operator==(const ResourceUsage&) const = default;
};

// The fraction of each platform resource a design may use (`--limit lut=0.85,dsp=1,bram=1`).
struct ResourceLimits {
    double dsp = 1.0;
    double bram18 = 1.0;
    double lut = 1.0;
    double ff = 1.0;
    double uram = 1.0;
    bool operator==(const ResourceLimits&) const = default;
};

// Parses "lut=0.85,dsp=1,bram=1,ff=0.9,uram=1" (keys: dsp, bram, lut, ff, uram; values in
// [0, 1]); throws std::invalid_argument naming the bad part.
ResourceLimits parseResourceLimits(const std::string& text);

// Whether `used` stays within limits * available, per resource.
bool fitsWithin(const ResourceUsage& used, const ResourceUsage& available, const ResourceLimits& limits);

// The first resource over its limit ("DSP 2600 > 2520 (100 % of 2520)"), or "" when it fits.
std::string firstExcess(const ResourceUsage& used, const ResourceUsage& available, const ResourceLimits& limits);

} // namespace foldwise
