#!/usr/bin/python3
"""Rewrite a QONNX model into standard ONNX operators only (validation tooling, not part of Foldwise).

    /usr/bin/python3 tests/reference/qonnx_to_standard.py IN.onnx OUT.onnx \
        [--input-shape 1,32,32,3] [--expose-quantizer-outputs] [--info-json INFO.json]

Needs Debian's python3-onnx (1.12) and python3-numpy; nothing else. The rewritten model runs in any
ONNX runtime (the references use onnxruntime-node), which makes it an independent reference for
Foldwise's own execution of QONNX operators.

What is rewritten (semantics of fastmachinelearning/qonnx, computed in float32):

- Quant / IntQuant (domains "", onnx.brevitas, qonnx.custom_op.general, finn.custom_op.general):
  y = X/scale + zeropt; if bitwidth == 1 and signed: y = (y >= 0 ? 1 : -1), else y = rounding(clamp(y, lo, hi));
  out = (y - zeropt) * scale. Rounding modes: ROUND (= HALF_EVEN, ONNX Round), CEIL, FLOOR, UP, DOWN,
  HALF_UP, HALF_DOWN (case-insensitive), written with qonnx's own numpy formulas
  (UP = sign(y)*ceil(|y|), DOWN = sign(y)*floor(|y|), HALF_UP = sign(y)*floor(|y|+0.5),
  HALF_DOWN = sign(y)*ceil(|y|-0.5)). Any other rounding mode is refused.
- BipolarQuant: out = (X >= 0 ? 1 : -1) * scale.
- Trunc with 5 inputs (X, scale, zeropt, in_bits, out_bits; qonnx's first version), 6 inputs
  (X, scale, zeropt, in_bits, out_scale, out_bits) and 7 inputs (X, scale, zeropt, in_bits, out_scale,
  out_zeropt [ignored, as qonnx does], out_bits).
- MultiThreshold: out = out_scale * #{i : X >= T[c, i]} + out_bias along the channel axis
  (axis 1 for NCHW, last axis for NHWC of rank 4; the last axis for ranks other than 2 and 4).
- Conv / MaxPool / AveragePool / BatchNormalization in qonnx.custom_op.channels_last: transposed to
  channels-first (Conv's OHWI weight too), the standard operator, and the result transposed back.

Every original tensor keeps its name (a rewritten node's output is produced under its original name;
helper tensors get fresh names containing "__"), so intermediate tensors can be compared by name.
Parameters (scale, zero point, bit width, thresholds) are cast to float32. Derived constants
(clamp bounds, truncation factors) are folded here when their inputs are constants (initializers or
Constant nodes); otherwise, e.g. a bit width computed by a Ceil node, they are computed in the graph.
The default-domain opset becomes max(original, 11) (11, not 13, when it has to be raised: Softmax,
Squeeze, Unsqueeze and ReduceSum change at 13); the few standard operators whose form changes on the way
to 11 (Clip, Pad, Slice, TopK) are converted, others that change are refused. Custom opset imports are
removed; an unknown custom operator is an error.

--input-shape replaces the (single) graph input's shape and drops the stored value_info and output
shapes, which would contradict it. --expose-quantizer-outputs adds the output of every quantizer
(Quant, IntQuant, BipolarQuant, Trunc, MultiThreshold) whose X input is not a constant (activation
quantizers, not weight quantizers) as an extra graph output. --info-json writes a description of the
quantizers (parameters, which ones were exposed) for the reference generator.
"""
import argparse
import json
import math
import sys

import numpy as np
import onnx
from onnx import TensorProto, defs, helper, numpy_helper, shape_inference

QONNX_DOMAINS = {"", "ai.onnx", "onnx.brevitas", "qonnx.custom_op.general", "finn.custom_op.general"}
CHANNELS_LAST_DOMAIN = "qonnx.custom_op.channels_last"
QUANTIZER_OPS = {"Quant", "IntQuant", "BipolarQuant", "Trunc", "MultiThreshold"}
CHANNELS_LAST_OPS = {"Conv", "MaxPool", "AveragePool", "BatchNormalization"}
ROUNDING_MODES = ("ROUND", "HALF_EVEN", "CEIL", "FLOOR", "UP", "DOWN", "HALF_UP", "HALF_DOWN")
MIN_OPSET = 11

# Standard operators whose schema version changes somewhere between opset 7..10 and 11 without
# changing the meaning of a model that was valid at the old version (new optional inputs or
# attributes with backward-compatible defaults, negative axes, more types).
UPGRADE_SAFE = {
    "Conv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool", "Flatten", "Gemm", "Concat", "Gather",
    "Squeeze", "Unsqueeze", "Softmax", "LogSoftmax", "Hardmax", "ArgMax", "ArgMin", "ReduceSum",
    "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
    "ReduceLogSumExp", "ReduceSumSquare", "Split", "Constant", "DepthToSpace", "Equal", "Cast",
    "Dropout", "BatchNormalization", "OneHot", "Compress", "NonMaxSuppression", "Range", "Expand",
    "Where", "ConstantOfShape", "Shape", "Size", "Identity", "MatMul", "Transpose", "Reshape",
}


class RewriteError(Exception):
    pass


def attr_dict(node):
    out = {}
    for a in node.attribute:
        v = helper.get_attribute_value(a)
        if isinstance(v, bytes):
            v = v.decode("utf-8")
        out[a.name] = v
    return out


def is_qonnx_domain(domain):
    return domain in QONNX_DOMAINS


def node_kind(node):
    """'quantizer', 'channels_last', 'custom' (unknown, refused) or 'standard'."""
    if node.op_type in QUANTIZER_OPS and is_qonnx_domain(node.domain):
        return "quantizer"
    if node.domain == CHANNELS_LAST_DOMAIN:
        return "channels_last"
    if node.domain not in ("", "ai.onnx"):
        return "custom"
    return "standard"


def default_opset(model):
    for o in model.opset_import:
        if o.domain in ("", "ai.onnx"):
            return o.version
    return 1


def constant_values(graph):
    """name -> numpy array for initializers and Constant-node outputs."""
    consts = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for n in graph.node:
        if n.op_type == "Constant" and n.domain in ("", "ai.onnx"):
            a = n.attribute[0]
            if a.name == "value":
                consts[n.output[0]] = numpy_helper.to_array(a.t)
            elif a.name == "value_float":
                consts[n.output[0]] = np.array(a.f, dtype=np.float32)
            elif a.name == "value_floats":
                consts[n.output[0]] = np.array(list(a.floats), dtype=np.float32)
            elif a.name == "value_int":
                consts[n.output[0]] = np.array(a.i, dtype=np.int64)
            elif a.name == "value_ints":
                consts[n.output[0]] = np.array(list(a.ints), dtype=np.int64)
    return consts


def constant_tensors(graph):
    """Names of tensors that depend on constants only (initializers, Constant nodes, and the
    outputs of nodes whose inputs all are such tensors)."""
    const = {i.name for i in graph.initializer}
    for n in graph.node:
        ins = [x for x in n.input if x]
        if (n.op_type == "Constant" and not ins) or (ins and all(x in const for x in ins)):
            if not n.op_type.startswith("Random"):
                const.update(o for o in n.output if o)
    return const


def scalar_or_none(arr):
    if arr is None:
        return None
    a = np.asarray(arr)
    if a.size == 1:
        v = a.reshape(()).item()
        return float(v) if isinstance(v, float) else v
    return None


class Rewriter:
    def __init__(self, model, ranks=None, placeholder=False):
        self.model = model
        self.graph = model.graph
        self.orig_opset = default_opset(model)
        self.opset = max(self.orig_opset, MIN_OPSET)
        self.consts = constant_values(self.graph)
        self.const_names = constant_tensors(self.graph)
        self.ranks = ranks or {}
        self.placeholder = placeholder
        self.used = set()
        for n in self.graph.node:
            self.used.update(n.input)
            self.used.update(n.output)
            self.used.add(n.name)
        for coll in (self.graph.input, self.graph.output, self.graph.value_info, self.graph.initializer):
            self.used.update(x.name for x in coll)
        self.init_names = {i.name for i in self.graph.initializer}
        self.new_inits = []
        self.init_cache = {}
        self.nodes = []
        self.info = []
        self.upgraded = []

    # --- graph building helpers -------------------------------------------------------------------

    def fresh(self, base):
        base = base.replace("/", "_")
        k = 0
        while True:
            name = f"{base}__{k}"
            if name not in self.used:
                self.used.add(name)
                return name
            k += 1

    def const(self, value, base="c", dtype=np.float32):
        arr = np.asarray(value, dtype=dtype)
        key = (arr.dtype.str, arr.shape, arr.tobytes())
        if key not in self.init_cache:
            name = self.fresh(f"{base}_const")
            self.new_inits.append(numpy_helper.from_array(arr, name))
            self.init_cache[key] = name
        return self.init_cache[key]

    def emit(self, op, inputs, base, output=None, **attrs):
        out = output if output is not None else self.fresh(f"{base}_{op}")
        name = self.fresh(f"{base}/{op}")
        self.nodes.append(helper.make_node(op, list(inputs), [out], name=name, **attrs))
        return out

    def unsqueeze(self, x, axes, base):
        if self.opset >= 13:
            return self.emit("Unsqueeze", [x, self.const(axes, base, np.int64)], base)
        return self.emit("Unsqueeze", [x], base, axes=list(axes))

    def reduce_sum_last(self, x, base, output=None):
        if self.opset >= 13:
            return self.emit("ReduceSum", [x, self.const([-1], base, np.int64)], base, output=output, keepdims=0)
        return self.emit("ReduceSum", [x], base, output=output, axes=[-1], keepdims=0)

    def greater_or_equal(self, a, b, base):
        if self.opset >= 12:
            return self.emit("GreaterOrEqual", [a, b], base)
        return self.emit("Not", [self.emit("Less", [a, b], base)], base)

    def where_negative(self, y, base):
        """(y >= 0 ? 1 : -1), as Where(Less(y, 0), -1, 1)."""
        neg = self.emit("Less", [y, self.const(0.0, base)], base)
        return self.emit("Where", [neg, self.const(-1.0, base), self.const(1.0, base)], base)

    # --- parameters: folded numpy constants or graph tensors ---------------------------------------

    def param(self, name, base):
        """A parameter input as ('c', float32 array) or ('t', float tensor name)."""
        if not name:
            raise RewriteError(f"{base}: a required parameter input is empty")
        if name in self.consts:
            arr = np.asarray(self.consts[name])
            if arr.dtype == np.float32 and name in self.init_names:  # reuse the float32 initializer itself
                self.init_cache.setdefault((arr.dtype.str, arr.shape, arr.tobytes()), name)
            return ("c", arr.astype(np.float32))
        return ("t", self.emit("Cast", [name], base, to=TensorProto.FLOAT))

    def pname(self, p, base):
        return self.const(p[1], base) if p[0] == "c" else p[1]

    def pop(self, op, args, base, fn):
        """Apply op to parameter values: numpy (float32) when all are constants, else a graph node."""
        if all(a[0] == "c" for a in args):
            with np.errstate(all="ignore"):
                return ("c", np.asarray(fn(*[a[1] for a in args]), dtype=np.float32))
        return ("t", self.emit(op, [self.pname(a, base) for a in args], base))

    def k(self, v):
        return ("c", np.asarray(v, dtype=np.float32))

    def int_bounds(self, bits, signed, narrow, base):
        """(lo, hi) as parameters, qonnx min_int / max_int."""
        if signed:
            half = self.pop("Pow", [self.k(2.0), self.pop("Sub", [bits, self.k(1.0)], base, np.subtract)], base,
                            np.power)
            lo = self.pop("Add", [self.pop("Neg", [half], base, np.negative), self.k(float(narrow))], base, np.add)
            hi = self.pop("Sub", [half, self.k(1.0)], base, np.subtract)
        else:
            full = self.pop("Pow", [self.k(2.0), bits], base, np.power)
            lo = self.k(0.0)
            hi = self.pop("Sub", [full, self.k(1.0 + float(narrow))], base, np.subtract)
        return lo, hi

    def rounding(self, y, mode, base, output=None):
        if mode in ("ROUND", "HALF_EVEN"):
            return self.emit("Round", [y], base, output=output)
        if mode == "CEIL":
            return self.emit("Ceil", [y], base, output=output)
        if mode == "FLOOR":
            return self.emit("Floor", [y], base, output=output)
        sign = self.emit("Sign", [y], base)
        mag = self.emit("Abs", [y], base)
        if mode == "UP":
            mag = self.emit("Ceil", [mag], base)
        elif mode == "DOWN":
            mag = self.emit("Floor", [mag], base)
        elif mode == "HALF_UP":
            mag = self.emit("Floor", [self.emit("Add", [mag, self.const(0.5, base)], base)], base)
        elif mode == "HALF_DOWN":
            mag = self.emit("Ceil", [self.emit("Sub", [mag, self.const(0.5, base)], base)], base)
        else:
            raise AssertionError(mode)
        return self.emit("Mul", [sign, mag], base, output=output)

    # --- quantizers ------------------------------------------------------------------------------

    def rounding_mode(self, node, attrs, default):
        mode = str(attrs.get("rounding_mode", default)).upper()
        if mode not in ROUNDING_MODES:
            raise RewriteError(
                f"node {node.name or node.output[0]!r} ({node.op_type}): unknown rounding_mode "
                f"{attrs.get('rounding_mode')!r}; supported: {', '.join(ROUNDING_MODES)} (case-insensitive)")
        return mode

    def check_inputs(self, node, counts):
        if len(node.input) not in counts:
            raise RewriteError(f"node {node.name or node.output[0]!r} ({node.op_type}): {len(node.input)} inputs, "
                               f"expected {' or '.join(map(str, counts))}")

    def describe_param(self, name):
        if name in self.consts:
            a = np.asarray(self.consts[name])
            return {"tensor": name, "source": "constant", "shape": list(a.shape), "scalar": scalar_or_none(a)}
        producer = next((n for n in self.graph.node if name in n.output), None)
        src = f"computed by {producer.op_type}" if producer is not None else "graph input"
        return {"tensor": name, "source": src, "shape": None, "scalar": None,
                "constant_expression": name in self.const_names}

    def rewrite_quant(self, node, attrs, base):
        self.check_inputs(node, (4,))
        x, s_name, z_name, b_name = node.input
        out = node.output[0]
        signed = int(attrs.get("signed", 1))
        narrow = int(attrs.get("narrow", 0))
        mode = self.rounding_mode(node, attrs, "ROUND")
        scale = self.param(s_name, base)
        zeropt = self.param(z_name, base)
        bits = self.param(b_name, base)
        y = self.emit("Div", [x, self.pname(scale, base)], base)
        y = self.emit("Add", [y, self.pname(zeropt, base)], base)
        if bits[0] == "c":
            if bits[1].size != 1:
                raise RewriteError(f"node {base}: bit width must be a scalar, got shape {bits[1].shape}")
            b = float(bits[1].reshape(()))
            if b == 1.0 and signed:
                yq = self.where_negative(y, base)
            else:
                lo, hi = self.int_bounds(bits, signed, narrow, base)
                yc = self.emit("Max", [self.emit("Min", [y, self.pname(hi, base)], base), self.pname(lo, base)], base)
                yq = self.rounding(yc, mode, base)
        else:
            lo, hi = self.int_bounds(bits, signed, narrow, base)
            yc = self.emit("Max", [self.emit("Min", [y, self.pname(hi, base)], base), self.pname(lo, base)], base)
            yq = self.rounding(yc, mode, base)
            if signed:  # qonnx's 1-bit signed special case, decided at run time
                is_one = self.emit("Equal", [bits[1], self.const(1.0, base)], base)
                yq = self.emit("Where", [is_one, self.where_negative(y, base), yq], base)
        yq = self.emit("Sub", [yq, self.pname(zeropt, base)], base)
        self.emit("Mul", [yq, self.pname(scale, base)], base, output=out)
        return {
            "scale": self.describe_param(s_name), "zeropt": self.describe_param(z_name),
            "bitwidth": self.describe_param(b_name), "signed": signed, "narrow": narrow, "rounding_mode": mode,
            "output_scale_scalar": scalar_or_none(scale[1]) if scale[0] == "c" else None,
        }

    def rewrite_bipolar(self, node, attrs, base):
        self.check_inputs(node, (2,))
        x, s_name = node.input
        scale = self.param(s_name, base)
        self.emit("Mul", [self.where_negative(x, base), self.pname(scale, base)], base, output=node.output[0])
        return {"scale": self.describe_param(s_name),
                "output_scale_scalar": scalar_or_none(scale[1]) if scale[0] == "c" else None}

    def rewrite_trunc(self, node, attrs, base):
        self.check_inputs(node, (5, 6, 7))
        ins = list(node.input)
        mode = self.rounding_mode(node, attrs, "FLOOR")
        x = ins[0]
        scale = self.param(ins[1], base)
        zeropt = self.param(ins[2], base)
        in_bits = self.param(ins[3], base)
        y = self.emit("Div", [x, self.pname(scale, base)], base)
        y = self.emit("Add", [y, self.pname(zeropt, base)], base)
        y = self.emit("Round", [y], base)
        info = {"version": {5: 1, 6: 2, 7: 3}[len(ins)], "scale": self.describe_param(ins[1]),
                "zeropt": self.describe_param(ins[2]), "in_bitwidth": self.describe_param(ins[3]),
                "rounding_mode": mode}
        if len(ins) == 5:
            out_bits = self.param(ins[4], base)
            t = self.pop("Pow", [self.k(2.0), self.pop("Sub", [in_bits, out_bits], base, np.subtract)], base,
                         np.power)
            y = self.emit("Div", [y, self.pname(t, base)], base)
            y = self.rounding(y, mode, base)
            y = self.emit("Sub", [y, self.pname(zeropt, base)], base)
            self.emit("Mul", [y, self.pname(scale, base)], base, output=node.output[0])
            info.update(out_bitwidth=self.describe_param(ins[4]),
                        output_scale_scalar=scalar_or_none(scale[1]) if scale[0] == "c" else None)
            return info
        signed = int(attrs.get("signed", 1))
        narrow = int(attrs.get("narrow", 0))
        out_scale = self.param(ins[4], base)
        out_bits = self.param(ins[5] if len(ins) == 6 else ins[6], base)
        ratio = self.pop("Div", [out_scale, scale], base, np.divide)
        if ratio[0] == "c":
            t = self.k(np.power(np.float32(2.0), np.round(np.log2(ratio[1]))))
        else:
            log2 = self.emit("Div", [self.emit("Log", [ratio[1]], base), self.const(math.log(2.0), base)], base)
            t = ("t", self.emit("Pow", [self.const(2.0, base), self.emit("Round", [log2], base)], base))
        y = self.emit("Div", [y, self.pname(t, base)], base)
        lo, hi = self.int_bounds(out_bits, signed, narrow, base)
        y = self.emit("Max", [self.emit("Min", [y, self.pname(hi, base)], base), self.pname(lo, base)], base)
        y = self.rounding(y, mode, base)
        zt = self.pop("Div", [zeropt, t], base, np.divide)
        y = self.emit("Sub", [y, self.pname(zt, base)], base)
        self.emit("Mul", [y, self.pname(out_scale, base)], base, output=node.output[0])
        info.update(signed=signed, narrow=narrow, out_scale=self.describe_param(ins[4]),
                    out_bitwidth=self.describe_param(ins[5] if len(ins) == 6 else ins[6]),
                    output_scale_scalar=scalar_or_none(out_scale[1]) if out_scale[0] == "c" else None)
        if len(ins) == 7:
            info["out_zeropt_ignored"] = self.describe_param(ins[5])
        return info

    def rewrite_multithreshold(self, node, attrs, base):
        self.check_inputs(node, (2,))
        x, t_name = node.input
        layout = str(attrs.get("data_layout", "NCHW")).upper()
        if layout not in ("NCHW", "NHWC"):
            raise RewriteError(f"node {base}: unknown data_layout {layout!r}")
        out_scale = float(attrs.get("out_scale", 1.0))
        out_bias = float(attrs.get("out_bias", 0.0))
        rank = self.ranks.get(x)
        if rank is None:
            raise RewriteError(f"node {base}: the rank of MultiThreshold input {x!r} is unknown")
        if rank in (2, 4):
            axis = 3 if (layout == "NHWC" and rank == 4) else 1
        else:
            axis = rank - 1
        ones = rank - 1 - axis
        if t_name in self.consts:
            thr = np.asarray(self.consts[t_name]).astype(np.float32)
            if thr.ndim != 2:
                raise RewriteError(f"node {base}: thresholds must be 2-D [C or 1, N], got {thr.shape}")
            t_b = self.const(thr.reshape((thr.shape[0],) + (1,) * ones + (thr.shape[1],)), base)
            t_shape = list(thr.shape)
        else:
            t_f = self.emit("Cast", [t_name], base, to=TensorProto.FLOAT)
            t_b = self.emit("Reshape", [t_f, self.const([0] + [1] * ones + [-1], base, np.int64)], base)
            t_shape = None
        xu = self.unsqueeze(x, [-1] if self.opset >= 13 else [rank], base)
        ge = self.greater_or_equal(xu, t_b, base)
        count = self.reduce_sum_last(self.emit("Cast", [ge], base, to=TensorProto.FLOAT), base)
        y = self.emit("Mul", [count, self.const(out_scale, base)], base)
        self.emit("Add", [y, self.const(out_bias, base)], base, output=node.output[0])
        return {"thresholds": t_name, "thresholds_shape": t_shape, "out_scale": out_scale, "out_bias": out_bias,
                "out_dtype": attrs.get("out_dtype"), "data_layout": layout, "input_rank": rank, "channel_axis": axis,
                "output_scale_scalar": out_scale}

    def rewrite_channels_last(self, node, attrs, base):
        if node.op_type not in CHANNELS_LAST_OPS:
            raise RewriteError(f"node {base}: channels-last {node.op_type} is not supported "
                               f"(supported: {', '.join(sorted(CHANNELS_LAST_OPS))})")
        if len(node.output) != 1:
            raise RewriteError(f"node {base}: channels-last {node.op_type} with {len(node.output)} outputs")
        if "kernel_shape" in attrs:
            rank = len(attrs["kernel_shape"]) + 2
        else:
            rank = self.ranks.get(node.input[0])
        if rank is None:
            raise RewriteError(f"node {base}: the rank of channels-last input {node.input[0]!r} is unknown")
        to_first = [0, rank - 1] + list(range(1, rank - 1))
        to_last = [0] + list(range(2, rank)) + [1]
        ins = list(node.input)
        n_transposed = 2 if node.op_type == "Conv" else 1
        for i in range(min(n_transposed, len(ins))):
            ins[i] = self.emit("Transpose", [ins[i]], base, perm=to_first)
        y = self.fresh(f"{base}_{node.op_type}_nchw")
        self.nodes.append(helper.make_node(node.op_type, ins, [y], name=self.fresh(f"{base}/{node.op_type}"),
                                           **{k: v for k, v in attrs.items()}))
        self.emit("Transpose", [y], base, output=node.output[0], perm=to_last)

    # --- standard nodes: opset upgrade -------------------------------------------------------------

    def upgrade(self, node):
        if self.orig_opset >= self.opset:
            return [node]
        try:
            old = defs.get_schema(node.op_type, self.orig_opset, "").since_version
            new = defs.get_schema(node.op_type, self.opset, "").since_version
        except Exception as e:  # noqa: BLE001 - schema lookup failure means an unknown op
            raise RewriteError(f"node {node.name!r}: unknown standard operator {node.op_type}: {e}")
        if old == new or node.op_type in UPGRADE_SAFE:
            if node.op_type == "BatchNormalization" and attr_dict(node).get("spatial", 1) != 1:
                raise RewriteError(f"node {node.name!r}: BatchNormalization spatial=0 cannot be upgraded")
            if old != new:
                for a in list(node.attribute):
                    if node.op_type == "BatchNormalization" and a.name in ("spatial", "is_test"):
                        node.attribute.remove(a)
            return [node]
        attrs = attr_dict(node)
        base = node.output[0]
        keep = {}
        if node.op_type == "Clip" and old < 11:
            lo = self.const(attrs["min"], base) if "min" in attrs else ""
            hi = self.const(attrs["max"], base) if "max" in attrs else ""
            ins = [node.input[0], lo, hi]
            while ins and ins[-1] == "":
                ins.pop()
        elif node.op_type == "Pad" and old < 11:
            ins = [node.input[0], self.const(attrs["pads"], base, np.int64), self.const(attrs.get("value", 0.0), base)]
            keep = {"mode": attrs.get("mode", "constant")}
        elif node.op_type == "Slice" and old < 10:
            ins = [node.input[0], self.const(attrs["starts"], base, np.int64), self.const(attrs["ends"], base, np.int64)]
            if "axes" in attrs:
                ins.append(self.const(attrs["axes"], base, np.int64))
        elif node.op_type == "TopK" and old < 10:
            ins = [node.input[0], self.const([attrs["k"]], base, np.int64)]
            keep = {"axis": attrs.get("axis", -1)}
        else:
            raise RewriteError(
                f"node {node.name or base!r}: {node.op_type} changes between opset {self.orig_opset} "
                f"(version {old}) and {self.opset} (version {new}) and is not converted by this script")
        self.upgraded.append(f"{node.op_type}-{old}->{new}")
        return [helper.make_node(node.op_type, ins, list(node.output), name=node.name, **keep)]

    # --- driver ------------------------------------------------------------------------------------

    def run(self, expose):
        graph = self.graph
        for node in graph.node:
            kind = node_kind(node)
            base = node.output[0] if node.output else (node.name or node.op_type)
            if kind == "standard":
                if any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS) for a in node.attribute):
                    if self.orig_opset < self.opset:
                        raise RewriteError(f"node {node.name!r}: {node.op_type} with subgraphs cannot be upgraded")
                    for a in node.attribute:
                        for g in ([a.g] if a.type == onnx.AttributeProto.GRAPH else list(a.graphs)):
                            if any(node_kind(n) != "standard" for n in g.node):
                                raise RewriteError(f"node {node.name!r}: custom operators inside subgraphs")
                self.nodes.extend(self.upgrade(node))
                continue
            if kind == "custom":
                raise RewriteError(f"node {node.name or base!r}: unsupported operator {node.op_type} "
                                   f"in domain {node.domain!r}")
            if self.placeholder:  # rank inference pass: every custom op keeps its input's rank
                self.nodes.append(helper.make_node("Identity", [node.input[0]], [node.output[0]]))
                continue
            attrs = attr_dict(node)
            if kind == "channels_last":
                self.rewrite_channels_last(node, attrs, base)
                continue
            if node.op_type in ("Quant", "IntQuant"):
                info = self.rewrite_quant(node, attrs, base)
            elif node.op_type == "BipolarQuant":
                info = self.rewrite_bipolar(node, attrs, base)
            elif node.op_type == "Trunc":
                info = self.rewrite_trunc(node, attrs, base)
            else:
                info = self.rewrite_multithreshold(node, attrs, base)
            x_const = node.input[0] in self.const_names
            info.update(tensor=node.output[0], op=node.op_type, domain=node.domain, node_name=node.name,
                        x=node.input[0], x_is_constant=x_const, exposed=bool(expose and not x_const))
            self.info.append(info)

        del graph.node[:]
        graph.node.extend(self.nodes)
        graph.initializer.extend(self.new_inits)
        # drop initializers nothing uses any more (e.g. int64 parameters replaced by float32 copies)
        used = {x for n in graph.node for x in n.input} | {o.name for o in graph.output}
        for a in (a for n in graph.node for a in n.attribute if a.type == onnx.AttributeProto.GRAPH):
            used |= {x for n in a.g.node for x in n.input}  # outer-scope references from subgraphs
        kept_inits = [i for i in graph.initializer if i.name in used]
        del graph.initializer[:]
        graph.initializer.extend(kept_inits)
        # initializers listed as graph inputs (old exporters) are constants here
        real_inputs = [i for i in graph.input if i.name not in self.init_names]
        del graph.input[:]
        graph.input.extend(real_inputs)
        if expose:
            outs = {o.name for o in graph.output}
            for q in self.info:
                if q["exposed"] and q["tensor"] not in outs:
                    graph.output.append(unknown_dims_value_info(q["tensor"], self.ranks.get(q["tensor"])))
                    outs.add(q["tensor"])
        model = self.model
        kept = [o for o in model.opset_import if o.domain in ("", "ai.onnx")]
        del model.opset_import[:]
        model.opset_import.extend(kept or [helper.make_opsetid("", self.opset)])
        for o in model.opset_import:
            o.version = self.opset
        model.ir_version = max(model.ir_version, 6)
        return model


def unknown_dims_value_info(name, rank):
    """A float graph output of known rank and unknown dims (or no shape at all if the rank is unknown)."""
    if rank is None:
        return helper.make_tensor_value_info(name, TensorProto.FLOAT, None)
    vi = helper.make_tensor_value_info(name, TensorProto.FLOAT, [1] * rank)
    for d in vi.type.tensor_type.shape.dim:
        d.Clear()
    return vi


def override_input_shape(model, shape):
    init_names = {i.name for i in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in init_names]
    if len(inputs) != 1:
        raise RewriteError(f"--input-shape needs exactly one graph input, the model has {[i.name for i in inputs]}")
    dims = inputs[0].type.tensor_type.shape.dim
    del dims[:]
    for d in shape:
        dims.add().dim_value = d
    del model.graph.value_info[:]
    for o in model.graph.output:
        for d in o.type.tensor_type.shape.dim:
            d.Clear()


def infer_ranks(model):
    """Ranks of all tensors, from onnx shape inference on a copy where custom ops are Identity."""
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    Rewriter(probe, placeholder=True).run(expose=False)
    # stored shapes of channels-last outputs contradict the placeholders; keep only ranks
    del probe.graph.value_info[:]
    for o in probe.graph.output:
        for d in o.type.tensor_type.shape.dim:
            d.Clear()
    try:
        inferred = shape_inference.infer_shapes(probe, data_prop=True)
    except Exception as e:  # noqa: BLE001
        raise RewriteError(f"shape inference failed: {e}")
    ranks = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        if vi.type.tensor_type.HasField("shape"):
            ranks[vi.name] = len(vi.type.tensor_type.shape.dim)
    for i in inferred.graph.initializer:
        ranks[i.name] = len(i.dims)
    return ranks


def convert(model, input_shape=None, expose=False):
    """Returns (standard model, info dict). model is modified."""
    orig_opset = default_opset(model)
    orig_outputs = [o.name for o in model.graph.output]
    if input_shape:
        override_input_shape(model, input_shape)
    ranks = infer_ranks(model)
    rw = Rewriter(model, ranks=ranks)
    out = rw.run(expose)
    leftover = {n.domain for n in out.graph.node if n.domain not in ("", "ai.onnx")}
    if leftover:
        raise RewriteError(f"custom domains left after the rewrite: {sorted(leftover)}")
    # onnx 1.12's checker wants a shape on every graph output; onnxruntime does not
    checked = onnx.ModelProto()
    checked.CopyFrom(out)
    shaped = [o for o in checked.graph.output if o.type.tensor_type.HasField("shape")]
    del checked.graph.output[:]
    checked.graph.output.extend(shaped)
    onnx.checker.check_model(checked)
    inputs = [{"name": i.name, "shape": [d.dim_value if d.HasField("dim_value") else d.dim_param
                                         for d in i.type.tensor_type.shape.dim]} for i in out.graph.input]
    info = {"original_opset": orig_opset, "opset": rw.opset, "upgraded_ops": rw.upgraded, "inputs": inputs,
            "original_outputs": orig_outputs, "outputs": [o.name for o in out.graph.output], "quantizers": rw.info}
    return out, info


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--input-shape", help="comma-separated static shape for the single graph input, e.g. 1,32,32,3")
    ap.add_argument("--expose-quantizer-outputs", action="store_true",
                    help="add activation quantizer outputs (X not constant) as graph outputs")
    ap.add_argument("--info-json", help="write a JSON description of the quantizers here")
    args = ap.parse_args(argv)
    shape = [int(s) for s in args.input_shape.split(",")] if args.input_shape else None
    try:
        model = onnx.load(args.input)
        out, info = convert(model, shape, args.expose_quantizer_outputs)
    except RewriteError as e:
        print(f"qonnx_to_standard: {args.input}: {e}", file=sys.stderr)
        return 2
    onnx.save(out, args.output)
    if args.info_json:
        with open(args.info_json, "w") as f:
            json.dump(info, f, indent=1)
            f.write("\n")
    n_exp = sum(q["exposed"] for q in info["quantizers"])
    print(f"{args.input} -> {args.output}: opset {info['original_opset']} -> {info['opset']}, "
          f"{len(info['quantizers'])} quantizers, {n_exp} exposed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
