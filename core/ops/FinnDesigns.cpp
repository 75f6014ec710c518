#include "ops/FinnDesigns.h"

#include "hw/finn/FinnConversion.h"

namespace foldwise::ops {

finn::FinnDesign finnDesignFor(const Model& model, const HardwareParameters& p, const FinnRunSettings& f, double platformMhz)
{
    finn::ConversionOptions conversion;
    if (p.wasGiven("weight_bits") || p.wasGiven("act_bits")) {
        conversion.weightBits = p.weightBits;
        conversion.activationBits = p.actBits;
        conversion.bitsOverrideModel = true;
    }
    if (conversion.weightBits > 16 || conversion.activationBits > 16)
        throw ParameterError(conversion.weightBits > 16 ? "weight_bits" : "act_bits", "FINN models 1 to 16 bits");
    finn::EstimateOptions estimate;
    estimate.capConvolutionFifos = f.capConvolutionFifos;
    if (f.clockNs > 0)
        estimate.clockNs = f.clockNs;
    else if (platformMhz > 0)
        estimate.clockNs = 1000.0 / platformMhz;
    return finn::FinnDesign(finn::convertToFinn(model, conversion), estimate);
}

} // namespace foldwise::ops
