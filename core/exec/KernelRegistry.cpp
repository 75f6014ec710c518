#include "exec/KernelRegistry.h"

#include <onnx/defs/schema.h>

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
        registerQonnxKernels(r);
        registerTopKKernel(r);
        return r;
    }();
    return registry;
}

void KernelRegistry::add(const std::string& opType, KernelFactory factory)
{
    factories_[opType] = std::move(factory);
}

void KernelRegistry::add(qonnx::Op op, KernelFactory factory)
{
    qonnxFactories_[op] = std::move(factory);
}

bool KernelRegistry::knows(const std::string& opType, const std::string& domain) const
{
    const qonnx::Op op = qonnx::opOf(opType, domain);
    if (op != qonnx::Op::None)
        return qonnxFactories_.count(op) != 0;
    return domain.empty() && factories_.count(opType);
}

namespace {

// Kernels index their inputs and outputs freely: the node must have what ONNX's schema for its
// opset requires (a model can break that; the checker only warns).
void checkArity(const KernelBuildContext& c)
{
    const Node& n = c.node;
    const onnx::OpSchema* schema =
        onnx::OpSchemaRegistry::Schema(n.opType, static_cast<int>(c.opset > 0 ? c.opset : INT32_MAX), onnx::ONNX_DOMAIN);
    if (!schema)
        c.unsupported("no ONNX schema for this operator at opset " + std::to_string(c.opset));
    const auto inputs = static_cast<int>(n.inputs.size());
    const auto outputs = static_cast<int>(n.outputs.size());
    if (inputs < schema->min_input() || inputs > schema->max_input())
        c.unsupported(std::to_string(inputs) + " inputs; the operator takes " + std::to_string(schema->min_input())
                      + " to " + std::to_string(schema->max_input()));
    if (outputs < schema->min_output() || outputs > schema->max_output() || outputs == 0)
        c.unsupported(std::to_string(outputs) + " outputs; the operator has " + std::to_string(schema->min_output())
                      + " to " + std::to_string(schema->max_output()));
    const auto& formal = schema->inputs();
    for (std::size_t i = 0; i < formal.size() && i < n.inputs.size(); ++i)
        if (formal[i].GetOption() == onnx::OpSchema::Single && n.inputs[i] == kNoId)
            c.unsupported("required input " + std::to_string(i) + " (" + formal[i].GetName() + ") is missing");
    if (!formal.empty() && formal.back().GetOption() == onnx::OpSchema::Variadic)
        for (std::size_t i = formal.size() - 1; i < n.inputs.size(); ++i)
            if (n.inputs[i] == kNoId)
                c.unsupported("variadic input " + std::to_string(i) + " is missing");
    if (n.outputs[0] == kNoId)
        c.unsupported("the first output is omitted");
    // Sparse initializers have no dense data to run on.
    for (TensorId t : n.inputs)
        if (t != kNoId && c.graph().tensor(t).role == TensorRole::Initializer && !c.graph().constantData(t))
            c.unsupported("input '" + c.graph().tensor(t).name + "' is a sparse initializer");
}

} // namespace

std::unique_ptr<Kernel> KernelRegistry::create(const KernelBuildContext& context) const
{
    const qonnx::Op op = qonnx::opOf(context.node);
    if (op != qonnx::Op::None) {
        const auto it = qonnxFactories_.find(op);
        if (it == qonnxFactories_.end())
            throw UnsupportedNode("no kernel for " + std::string(qonnx::opName(op)));
        return it->second(context); // QONNX factories check their own operands
    }
    if (!context.node.domain.empty())
        throw UnsupportedNode("custom domain '" + context.node.domain + "'");
    const auto it = factories_.find(context.node.opType);
    if (it == factories_.end())
        throw UnsupportedNode("no kernel for this operator");
    checkArity(context);
    return it->second(context);
}

std::unique_ptr<Kernel> KernelRegistry::createStandard(const std::string& opType, const KernelBuildContext& context) const
{
    const auto it = factories_.find(opType);
    if (it == factories_.end())
        throw UnsupportedNode("no kernel for " + opType);
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
