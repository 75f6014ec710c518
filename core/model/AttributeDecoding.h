#pragma once

#include "model/Attribute.h"

namespace onnx {
class AttributeProto;
}

namespace foldwise {

// Decodes an AttributeProto, inferring the type from the set field for old models that
// leave `type` undefined.
Attribute decodeAttribute(const onnx::AttributeProto& proto);

} // namespace foldwise
