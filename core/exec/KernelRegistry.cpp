#include "exec/KernelRegistry.h"

namespace foldwise {

const KernelRegistry& KernelRegistry::instance()
{
    static const KernelRegistry registry = [] {
        KernelRegistry r;
        registerConvolutionKernels(r);
        registerPoolingKernels(r);
        registerMatMulKernels(r);
        registerNormalisationKernels(r);
        registerActivationKernels(r);
        registerBinaryKernels(r);
        registerSoftmaxKernels(r);
        registerConcatSplitKernels(r);
        registerShapeKernels(r);
        registerDataMovementKernels(r);
        registerReduceKernels(r);
        registerResizeKernels(r);
        return r;
    }();
    return registry;
}

void KernelRegistry::add(const std::string& opType, KernelFactory factory)
{
    factories_[opType] = std::move(factory);
}

bool KernelRegistry::knows(const std::string& opType, const std::string& domain) const
{
    return domain.empty() && factories_.count(opType);
}

std::unique_ptr<Kernel> KernelRegistry::create(const KernelBuildContext& context) const
{
    if (!context.node.domain.empty())
        throw UnsupportedNode("custom domain '" + context.node.domain + "'");
    const auto it = factories_.find(context.node.opType);
    if (it == factories_.end())
        throw UnsupportedNode("no kernel for this operator");
    return it->second(context);
}

std::vector<std::string> KernelRegistry::opTypes() const
{
    std::vector<std::string> names;
    for (const auto& [name, factory] : factories_)
        names.push_back(name);
    return names;
}

} // namespace foldwise
