#!/usr/bin/python3
"""Prepares torchvision exports for onnxruntime's run-time shapes (record_macs.mjs).

    /usr/bin/python3 expose_tensors.py MODEL.onnx OUT.onnx OUT.json

OUT.onnx is MODEL.onnx with every node output listed as a graph output, so onnxruntime returns
each tensor and its actual shape. OUT.json lists, per node, what a MAC count needs that the run
does not return: op type, input and output tensor names, the dims of constant inputs
(initializers and Constant nodes) and the Gemm transposes. Uses Debian's python3-onnx only.
"""
import json
import sys

import onnx
from onnx import helper, numpy_helper


def main():
    src, out_model, out_json = sys.argv[1:4]
    m = onnx.load(src)
    inferred = onnx.shape_inference.infer_shapes(m)
    types = {vi.name: vi.type.tensor_type.elem_type for vi in inferred.graph.value_info}
    for vi in list(inferred.graph.input) + list(inferred.graph.output):
        types[vi.name] = vi.type.tensor_type.elem_type
    constants = {t.name: list(t.dims) for t in m.graph.initializer}
    for n in m.graph.node:
        if n.op_type == "Constant":
            for a in n.attribute:
                if a.name == "value":
                    constants[n.output[0]] = list(a.t.dims)
    existing = {o.name for o in m.graph.output}
    nodes = []
    for n in m.graph.node:
        attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute if a.type in (onnx.AttributeProto.INT,)}
        nodes.append({
            "name": n.name, "op": n.op_type, "inputs": list(n.input), "outputs": list(n.output),
            "constant_dims": {i: constants[i] for i in n.input if i in constants},
            "attributes": attrs,
        })
        if n.op_type == "Constant":
            continue
        for o in n.output:
            if o and o not in existing and o in types and types[o] != 0:
                m.graph.output.append(helper.make_tensor_value_info(o, types[o], None))
                existing.add(o)
    onnx.save(m, out_model)
    with open(out_json, "w") as f:
        json.dump({"nodes": nodes, "graph_outputs": [o.name for o in onnx.load(src, load_external_data=False).graph.output]}, f)


if __name__ == "__main__":
    main()
