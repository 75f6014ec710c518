#pragma once

#include "exec/Kernel.h"
#include "model/qonnx/QonnxOps.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace foldwise {

using KernelFactory = std::function<std::unique_ptr<Kernel>(const KernelBuildContext&)>;

// The factory of a kernel class whose constructor takes the build context alone.
template <class KernelClass>
KernelFactory factoryOf()
{
    return [](const KernelBuildContext& c) { return std::make_unique<KernelClass>(c); };
}

// Op type (default ONNX domain) -> factory. Factories throw UnsupportedNode for attribute
// values or element types they do not handle, so "supported" is decided per node, up front.
class KernelRegistry {
public:
    static const KernelRegistry& instance();

    void add(const std::string& opType, KernelFactory factory);
    // A QONNX/FINN-ONNX op, in whichever domain a model puts it (qonnx/QonnxOps.h).
    void add(qonnx::Op op, KernelFactory factory);
    // The default domain's kernel for `opType` built for `context`'s node whatever its domain
    // (channels-last ops wrap the standard Conv/MaxPool kernels).
    std::unique_ptr<Kernel> createStandard(const std::string& opType, const KernelBuildContext& context) const;
    bool knows(const std::string& opType, const std::string& domain) const;
    std::unique_ptr<Kernel> create(const KernelBuildContext& context) const; // throws UnsupportedNode
    std::vector<std::string> opTypes() const;

private:
    std::map<std::string, KernelFactory> factories_;
    std::map<qonnx::Op, KernelFactory> qonnxFactories_;
};

// Each kernel family registers itself through one of these (explicit calls: a static library
// would drop self-registering objects nobody references).
void registerConvolutionKernels(KernelRegistry& registry);
void registerPoolingKernels(KernelRegistry& registry);
void registerMatMulKernels(KernelRegistry& registry);
void registerNormalisationKernels(KernelRegistry& registry);
void registerActivationKernels(KernelRegistry& registry);
void registerBinaryKernels(KernelRegistry& registry);
void registerSoftmaxKernels(KernelRegistry& registry);
void registerConcatSplitKernels(KernelRegistry& registry);
void registerShapeKernels(KernelRegistry& registry);
void registerDataMovementKernels(KernelRegistry& registry);
void registerReduceKernels(KernelRegistry& registry);
void registerResizeKernels(KernelRegistry& registry);
void registerQonnxKernels(KernelRegistry& registry);
void registerTopKKernel(KernelRegistry& registry);

} // namespace foldwise
