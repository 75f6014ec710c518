#include "hw/HardwareSupport.h"

#include "hw/finn/FinnConversion.h"
#include "hw/fpgaconvnet/HardwareGraph.h"

namespace foldwise {

const char* hardwareStyleName(HardwareStyle style)
{
    return style == HardwareStyle::Finn ? "FINN" : "fpgaConvNet";
}

HardwareSupport checkHardwareSupport(const Model& model, HardwareStyle style)
{
    HardwareSupport support;
    try {
        if (style == HardwareStyle::Finn)
            finn::convertToFinn(model);
        else
            fpgaconvnet::buildHardwareGraph(model, nullptr, {});
    } catch (const UnsupportedNodesError& e) {
        support.unsupported = e.nodes();
    } catch (const ModelError& e) {
        support.modelProblem = e.reason();
    } catch (const std::exception& e) {
        support.modelProblem = e.what();
    }
    return support;
}

} // namespace foldwise
