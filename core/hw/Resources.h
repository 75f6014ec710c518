#pragma once

#include <string>

namespace foldwise {

// One number per FPGA resource, in the units vendors and fpgaConvNet/FINN count them: DSP slices,
// 18 Kb block RAMs, LUTs, flip-flops, UltraRAM blocks; each `Initial` until set.
template <int Initial>
struct PerResource {
    double dsp = Initial;
    double bram18 = Initial;
    double lut = Initial;
    double ff = Initial;
    double uram = Initial;
    bool operator==(const PerResource&) const = default;
};

// The resources a design uses or a device has. Doubles, since estimates may be fractional.
struct ResourceUsage : PerResource<0> {
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
};

// The fraction of each platform resource a design may use (`--limit lut=0.85,dsp=1,bram=1`).
struct ResourceLimits : PerResource<1> {};

// Parses "lut=0.85,dsp=1,bram=1,ff=0.9,uram=1" (keys: dsp, bram, lut, ff, uram; values in
// [0, 1]); throws std::invalid_argument naming the bad part.
ResourceLimits parseResourceLimits(const std::string& text);

// Whether `used` stays within limits * available, per resource.
bool fitsWithin(const ResourceUsage& used, const ResourceUsage& available, const ResourceLimits& limits);

// The first resource over its limit ("DSP 2600 > 2520 (100 % of 2520)"), or "" when it fits.
std::string firstExcess(const ResourceUsage& used, const ResourceUsage& available, const ResourceLimits& limits);

} // namespace foldwise
