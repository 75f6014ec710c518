#include "exec/Kernel.h"

namespace foldwise {

DataType KernelBuildContext::inputType(std::size_t i) const
{
    return hasInput(i) ? graph().tensor(node.inputs[i]).type : DataType::Undefined;
}

DataType KernelBuildContext::outputType(std::size_t i) const
{
    return i < node.outputs.size() && node.outputs[i] != kNoId ? graph().tensor(node.outputs[i]).type
                                                                : DataType::Undefined;
}

const ConstantData* KernelBuildContext::constantInput(std::size_t i) const
{
    return hasInput(i) ? graph().constantData(node.inputs[i]) : nullptr;
}

void KernelBuildContext::unsupported(const std::string& why) const
{
    throw UnsupportedNode(why);
}

void KernelBuildContext::requireInputTypes(std::initializer_list<std::size_t> inputs,
                                           std::initializer_list<DataType> types) const
{
    for (std::size_t i : inputs) {
        if (!hasInput(i))
            continue;
        const DataType t = inputType(i);
        bool ok = false;
        for (DataType allowed : types)
            ok = ok || t == allowed;
        if (!ok)
            unsupported("input " + std::to_string(i) + " has element type " + std::string(dataTypeName(t)));
    }
}

} // namespace foldwise
