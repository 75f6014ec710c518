#!/usr/bin/python3
"""Makes the small synthetic QONNX test models in tests/data/qonnx/ and checks their references.

    /usr/bin/python3 tests/data/qonnx/make_qonnx_fixtures.py            # write the five .onnx files
    /usr/bin/python3 tests/data/qonnx/make_qonnx_fixtures.py --check    # check tests/reference/qonnx/

Needs Debian's python3-onnx (1.12) and python3-numpy, only to regenerate. Everything is seeded, so
rerunning reproduces the same bytes. See README.md beside this script for what each model contains.

--check [DIR] reads the onnxruntime references written by tests/reference/make_qonnx_reference.mjs
(DIR defaults to tests/reference/qonnx) and compares them with numpy computations of the QONNX formulas
written out here independently of tests/reference/qonnx_to_standard.py:
- quant_modes, bipolar_trunc, multithreshold: every output element, bit for bit, from the formula input;
  for quant_modes also a hand-written table of expected integers for the probe values (2.5 -> 2 under
  ROUND, -2.5 -> -3 under HALF_UP and UP, ...);
- every model in the manifest: each written quantizer output with per-tensor parameters lies on its
  integer grid (out/scale + zeropt is an integer in [lo, hi]), and how many levels it uses.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
REFDIR = os.path.normpath(os.path.join(HERE, "..", "..", "reference", "qonnx"))
QG = "qonnx.custom_op.general"
CL = "qonnx.custom_op.channels_last"


def formula_input(shape):
    """x[i] = float32(((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0), as in tests/reference/README.md."""
    i = np.arange(int(np.prod(shape)), dtype=np.int64)
    return (((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0).astype(np.float32).reshape(shape)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def init(name, value, dtype=np.float32):
    return numpy_helper.from_array(np.asarray(value, dtype=dtype), name)


def save(graph, path, opset, domains):
    imports = [helper.make_opsetid("", opset)] + [helper.make_opsetid(d, 1) for d in sorted(domains)]
    model = helper.make_model(graph, opset_imports=imports, producer_name="foldwise make_qonnx_fixtures.py")
    model.ir_version = 7
    onnx.save(model, path)
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


def vi(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


# --- (a) quant_modes.onnx ------------------------------------------------------------------------

# Probe values, in the integer domain (what X/scale + zeropt becomes), laid out as [3, 4] per channel.
PROBE_H = f32([-100.0, -3.5, -2.5, -1.5, -0.5, np.nextafter(np.float32(-0.5), np.float32(0)), 0.0,
               np.nextafter(np.float32(0.5), np.float32(0)), 0.5, 1.5, 2.5, 100.0])
# Expected rounding of each probe value, before clamping (clamping to integer bounds commutes with
# these monotonic roundings). HALF_UP of +-0.49999997 is +-1 with qonnx's formula
# sign(y) * floor(|y| + 0.5): |y| + 0.5 rounds to 1.0 in float32 (exactly it would be 0).
HAND = {
    "ROUND":     [-100, -4, -2, -2, 0, 0, 0, 0, 0, 2, 2, 100],
    "CEIL":      [-100, -3, -2, -1, 0, 0, 0, 1, 1, 2, 3, 100],
    "FLOOR":     [-100, -4, -3, -2, -1, -1, 0, 0, 0, 1, 2, 100],
    "UP":        [-100, -4, -3, -2, -1, -1, 0, 1, 1, 2, 3, 100],
    "DOWN":      [-100, -3, -2, -1, 0, 0, 0, 0, 0, 1, 2, 100],
    "HALF_UP":   [-100, -4, -3, -2, -1, -1, 0, 1, 1, 2, 3, 100],
    "HALF_DOWN": [-100, -3, -2, -1, 0, 0, 0, 0, 0, 1, 2, 100],
}

# tag, op, domain, rounding_mode attribute (None: absent, default ROUND), bits, signed, narrow,
# scale (4 channels or scalar), zero point (4 channels or scalar), bit-width dtype
QUANT_BRANCHES = [
    ("round", "Quant", "", "ROUND", 8, 1, 0, [0.25, 0.375, 1.25, 0.0625], [0, -1, 2, 0], np.float32),
    ("ceil", "Quant", "onnx.brevitas", "CEIL", 4, 0, 0, [0.5, 0.25, 0.75, 0.125], [0, 1, 2, 3], np.float32),
    ("floor", "Quant", "finn.custom_op.general", "FLOOR", 3, 1, 1, [0.25, 0.5, 0.375, 1.0], [0, 1, -1, 0],
     np.float32),
    ("up", "IntQuant", QG, "UP", 5, 1, 0, [0.125, 0.75, 0.25, 2.0], [0, 0, 1, -2], np.float32),
    ("down", "Quant", QG, "DOWN", 2, 0, 1, [0.5, 1.5, 0.25, 0.0625], [0, 1, 0, 1], np.float32),
    ("half_up", "Quant", QG, "HALF_UP", 6, 1, 1, [0.0625, 0.25, 0.625, 0.5], [0, 2, -3, 1], np.float32),
    ("half_down", "Quant", QG, "half_down", 4, 1, 0, [0.25, 0.125, 0.875, 0.5], [0, -1, 1, 2], np.int64),
    ("bipolar1", "Quant", QG, None, 1, 1, 0, 0.5, 0.0, np.float32),
    ("binary1", "Quant", QG, "ROUND", 1, 0, 0, [0.5, 0.25, 1.0, 0.125], [0, 0, 0, 0], np.float32),
]


def per_channel(v):
    a = f32(v)
    return a.reshape(1, 4, 1, 1) if a.size == 4 else a.reshape(())


def probe_values(scale, zeropt):
    """[1, 4, 3, 4] probe X whose X/scale + zeropt gives PROBE_H (exactly where representable)."""
    s = np.broadcast_to(per_channel(scale), (1, 4, 1, 1))
    z = np.broadcast_to(per_channel(zeropt), (1, 4, 1, 1))
    h = PROBE_H.reshape(1, 1, 3, 4)
    return ((h - z) * s).astype(np.float32)


def make_quant_modes(path):
    nodes, inits, outputs, domains = [], [], [], set()
    for tag, op, domain, mode, bits, signed, narrow, scale, zeropt, bdt in QUANT_BRANCHES:
        inits += [init(f"probe_{tag}", probe_values(scale, zeropt)), init(f"scale_{tag}", per_channel(scale)),
                  init(f"zeropt_{tag}", per_channel(zeropt)), init(f"bits_{tag}", bits, bdt)]
        nodes.append(helper.make_node("Concat", ["x", f"probe_{tag}"], [f"in_{tag}"], name=f"Concat_{tag}", axis=3))
        attrs = {"signed": signed, "narrow": narrow}
        if mode is not None:
            attrs["rounding_mode"] = mode
        nodes.append(helper.make_node(op, [f"in_{tag}", f"scale_{tag}", f"zeropt_{tag}", f"bits_{tag}"],
                                      [f"q_{tag}"], name=f"{op}_{tag}", domain=domain, **attrs))
        outputs.append(vi(f"q_{tag}", [1, 4, 3, 7]))
        if domain:
            domains.add(domain)
    graph = helper.make_graph(nodes, "quant_modes", [vi("x", [1, 4, 3, 3])], outputs, inits)
    save(graph, path, 11, domains)


# --- (b) bipolar_trunc.onnx ----------------------------------------------------------------------

def make_bipolar_trunc(path):
    nodes = [
        helper.make_node("BipolarQuant", ["x", "bq_scale"], ["bipolar"], name="BipolarQuant_0", domain=QG),
        helper.make_node("Quant", ["x", "aq_scale", "zero", "aq_bits"], ["xq"], name="Quant_act", domain=QG,
                         signed=1, narrow=0, rounding_mode="ROUND"),
        helper.make_node("AveragePool", ["xq"], ["pool_a"], name="AveragePool_a", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Mul", ["pool_a", "four"], ["sum_a"], name="Mul_a"),
        # Trunc v1 (5 inputs), rounding_mode absent -> FLOOR
        helper.make_node("Trunc", ["sum_a", "aq_scale", "zero", "in_bits", "out_bits_v1"], ["trunc_v1"],
                         name="Trunc_v1", domain=QG),
        helper.make_node("AveragePool", ["xq"], ["pool_b"], name="AveragePool_b", kernel_shape=[2, 2], strides=[1, 1]),
        helper.make_node("Mul", ["pool_b", "four"], ["sum_b"], name="Mul_b"),
        # Trunc v2 (6 inputs: X, scale, zeropt, in_bits, out_scale, out_bits)
        helper.make_node("Trunc", ["sum_b", "aq_scale", "zero", "in_bits", "out_scale_v2", "out_bits_v2"],
                         ["trunc_v2"], name="Trunc_v2", domain=QG, signed=1, narrow=0, rounding_mode="ROUND"),
        # Trunc with 7 inputs (X, scale, zeropt, in_bits, out_scale, out_zeropt [ignored], out_bits)
        helper.make_node("Trunc", ["sum_b", "aq_scale", "zp_v3", "in_bits", "out_scale_v3", "out_zp_v3",
                                   "out_bits_v3"], ["trunc_v3"], name="Trunc_v3", domain=QG, signed=0, narrow=1,
                         rounding_mode="CEIL"),
    ]
    inits = [
        init("bq_scale", f32([0.5, 0.25]).reshape(1, 2, 1, 1)), init("aq_scale", 0.25), init("zero", 0.0),
        init("aq_bits", 4.0), init("four", 4.0), init("in_bits", 6.0), init("out_bits_v1", 4.0),
        init("out_scale_v2", 1.0), init("out_bits_v2", 3.0),
        init("zp_v3", 2.0), init("out_scale_v3", 0.5), init("out_zp_v3", 7.0), init("out_bits_v3", 4.0),
    ]
    outputs = [vi("bipolar", [1, 2, 4, 4]), vi("trunc_v1", [1, 2, 2, 2]), vi("trunc_v2", [1, 2, 3, 3]),
               vi("trunc_v3", [1, 2, 3, 3])]
    graph = helper.make_graph(nodes, "bipolar_trunc", [vi("x", [1, 2, 4, 4])], outputs, inits)
    save(graph, path, 11, {QG})


# --- (c) multithreshold.onnx ---------------------------------------------------------------------

def mt_thresholds(rng, channels, steps, x_by_channel=None):
    t = np.sort(rng.uniform(-1.8, 1.8, size=(channels, steps)).astype(np.float32), axis=1)
    if x_by_channel is not None:  # one threshold per channel equal to an input value (tests >=)
        for c in range(channels):
            t[c, steps // 2] = x_by_channel[c][c + 1]
        t = np.sort(t, axis=1)
    return t


def make_multithreshold(path):
    rng = np.random.default_rng(20240603)
    x = formula_input([1, 3, 4, 4])
    t_nchw = mt_thresholds(rng, 3, 7, x[0].reshape(3, -1))
    t_nhwc = mt_thresholds(rng, 3, 3, x[0].reshape(3, -1))
    t_global = mt_thresholds(rng, 1, 5)
    t_rank3 = mt_thresholds(rng, 4, 2)
    nodes = [
        helper.make_node("MultiThreshold", ["x", "t_nchw"], ["mt_nchw"], name="MultiThreshold_nchw", domain=QG,
                         out_dtype="INT4", out_scale=0.5, out_bias=-1.5),
        helper.make_node("Transpose", ["x"], ["x_nhwc"], name="Transpose_nhwc", perm=[0, 2, 3, 1]),
        helper.make_node("MultiThreshold", ["x_nhwc", "t_nhwc"], ["mt_nhwc"], name="MultiThreshold_nhwc", domain=QG,
                         out_dtype="UINT2", data_layout="NHWC"),
        helper.make_node("MultiThreshold", ["x", "t_global"], ["mt_global"], name="MultiThreshold_global",
                         domain=QG, out_dtype="UINT4", out_scale=2.0),
        helper.make_node("Reshape", ["x", "shape_rank3"], ["x_rank3"], name="Reshape_rank3"),
        helper.make_node("MultiThreshold", ["x_rank3", "t_rank3"], ["mt_rank3"], name="MultiThreshold_rank3",
                         domain=QG, out_dtype="INT2", out_bias=-1.0),
    ]
    inits = [init("t_nchw", t_nchw), init("t_nhwc", t_nhwc), init("t_global", t_global), init("t_rank3", t_rank3),
             init("shape_rank3", [1, 12, 4], np.int64)]
    outputs = [vi("mt_nchw", [1, 3, 4, 4]), vi("mt_nhwc", [1, 4, 4, 3]), vi("mt_global", [1, 3, 4, 4]),
               vi("mt_rank3", [1, 12, 4])]
    graph = helper.make_graph(nodes, "multithreshold", [vi("x", [1, 3, 4, 4])], outputs, inits)
    save(graph, path, 13, {QG})


# --- (d) small_qcnn.onnx -------------------------------------------------------------------------

def weight_quant(nodes, inits, name, w, bits, per_axis_shape):
    """Quant'ed weight with a per-output-channel max-abs scale (signed, narrow)."""
    maxabs = np.abs(w).reshape(w.shape[0], -1).max(axis=1)
    scale = (maxabs / (2 ** (bits - 1) - 1)).astype(np.float32).reshape(per_axis_shape)
    inits += [init(name, w), init(f"{name}_scale", scale), init(f"{name}_zeropt", 0.0), init(f"{name}_bits", bits)]
    nodes.append(helper.make_node("Quant", [name, f"{name}_scale", f"{name}_zeropt", f"{name}_bits"], [f"{name}_q"],
                                  name=f"Quant_{name}", domain=QG, signed=1, narrow=1, rounding_mode="ROUND"))
    return f"{name}_q", scale


def act_quant(nodes, inits, x, out, scale, bits, signed):
    inits += [init(f"{out}_scale", scale), init(f"{out}_zeropt", 0.0), init(f"{out}_bits", bits)]
    nodes.append(helper.make_node("Quant", [x, f"{out}_scale", f"{out}_zeropt", f"{out}_bits"], [out],
                                  name=f"Quant_{out}", domain=QG, signed=signed, narrow=0, rounding_mode="ROUND"))


def make_small_qcnn(path):
    rng = np.random.default_rng(7)
    nodes, inits = [], []
    act_quant(nodes, inits, "input", "inp_q", 2.0 ** -6, 8, 1)
    w1, _ = weight_quant(nodes, inits, "conv1_w", rng.normal(0, 0.3, (8, 3, 3, 3)).astype(np.float32), 4,
                         (8, 1, 1, 1))
    nodes.append(helper.make_node("Conv", ["inp_q", w1], ["conv1"], name="Conv_1", kernel_shape=[3, 3],
                                  pads=[1, 1, 1, 1], strides=[1, 1]))
    inits += [init("bn_gamma", rng.uniform(0.5, 1.5, 8)), init("bn_beta", rng.uniform(-0.2, 0.4, 8)),
              init("bn_mean", rng.normal(0, 0.2, 8)), init("bn_var", rng.uniform(0.5, 2.0, 8))]
    nodes.append(helper.make_node("BatchNormalization", ["conv1", "bn_gamma", "bn_beta", "bn_mean", "bn_var"],
                                  ["bn1"], name="BatchNormalization_1", epsilon=1e-5))
    nodes.append(helper.make_node("Relu", ["bn1"], ["relu1"], name="Relu_1"))
    act_quant(nodes, inits, "relu1", "act1", 0.125, 4, 0)
    nodes.append(helper.make_node("MaxPool", ["act1"], ["pool1"], name="MaxPool_1", kernel_shape=[2, 2],
                                  strides=[2, 2]))
    w2, _ = weight_quant(nodes, inits, "conv2_w", rng.normal(0, 0.15, (8, 8, 3, 3)).astype(np.float32), 4,
                         (8, 1, 1, 1))
    nodes.append(helper.make_node("Conv", ["pool1", w2], ["conv2"], name="Conv_2", kernel_shape=[3, 3],
                                  pads=[1, 1, 1, 1], strides=[1, 1]))
    nodes.append(helper.make_node("Relu", ["conv2"], ["relu2"], name="Relu_2"))
    act_quant(nodes, inits, "relu2", "act2", 0.25, 4, 0)
    nodes.append(helper.make_node("Flatten", ["act2"], ["flat"], name="Flatten_1", axis=1))
    w3, w3_scale = weight_quant(nodes, inits, "fc_w", rng.normal(0, 0.1, (10, 128)).astype(np.float32), 8, (10, 1))
    # bias: per-output scale = act2 scale * weight scale; bit width = Ceil(constant), as in radioml's export
    bias_scale = (0.25 * w3_scale.reshape(10)).astype(np.float32)
    inits += [init("fc_b", rng.normal(0, 0.5, 10)), init("fc_b_scale", bias_scale), init("fc_b_zeropt", 0.0)]
    nodes.append(helper.make_node("Constant", [], ["fc_b_bits_raw"], name="Constant_bias_bits",
                                  value=numpy_helper.from_array(f32(15.3), "fc_b_bits_raw")))
    nodes.append(helper.make_node("Ceil", ["fc_b_bits_raw"], ["fc_b_bits"], name="Ceil_bias_bits"))
    nodes.append(helper.make_node("Quant", ["fc_b", "fc_b_scale", "fc_b_zeropt", "fc_b_bits"], ["fc_b_q"],
                                  name="Quant_fc_b", domain=QG, signed=1, narrow=0, rounding_mode="ROUND"))
    nodes.append(helper.make_node("Gemm", ["flat", w3, "fc_b_q"], ["logits"], name="Gemm_1", transB=1))
    graph = helper.make_graph(nodes, "small_qcnn", [vi("input", [1, 3, 8, 8])], [vi("logits", [1, 10])], inits)
    save(graph, path, 11, {QG})


# --- (e) channels_last.onnx ----------------------------------------------------------------------

def make_channels_last(path):
    rng = np.random.default_rng(11)
    nodes, inits = [], []
    act_quant(nodes, inits, "x", "xq", 2.0 ** -5, 8, 1)
    w1, _ = weight_quant(nodes, inits, "conv_w", rng.normal(0, 0.3, (6, 3, 3, 4)).astype(np.float32), 4,
                         (6, 1, 1, 1))  # OHWI
    inits.append(init("conv_b", rng.normal(0, 0.1, 6)))
    nodes.append(helper.make_node("Conv", ["xq", w1, "conv_b"], ["conv"], name="Conv_cl", domain=CL,
                                  kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1], dilations=[1, 1], group=1))
    nodes.append(helper.make_node("Relu", ["conv"], ["relu"], name="Relu_1"))
    act_quant(nodes, inits, "relu", "act1", 0.125, 4, 0)
    w2, _ = weight_quant(nodes, inits, "dw_w", rng.normal(0, 0.4, (6, 3, 3, 1)).astype(np.float32), 4,
                         (6, 1, 1, 1))  # OHWI, depthwise
    nodes.append(helper.make_node("Conv", ["act1", w2], ["dwconv"], name="Conv_dw_cl", domain=CL,
                                  kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2], dilations=[1, 1], group=6))
    act_quant(nodes, inits, "dwconv", "act2", 0.25, 8, 1)
    nodes.append(helper.make_node("MaxPool", ["act2"], ["pool"], name="MaxPool_cl", domain=CL,
                                  kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0]))
    graph = helper.make_graph(nodes, "channels_last", [vi("x", [1, 8, 8, 4])], [vi("pool", [1, 2, 2, 6])], inits)
    save(graph, path, 11, {QG, CL})


# --- checks ----------------------------------------------------------------------------------------

def np_round(mode, y):
    """qonnx's resolve_rounding_mode, in numpy (float32 in, float32 out)."""
    mode = mode.upper()
    if mode in ("ROUND", "HALF_EVEN"):
        return np.round(y)
    if mode == "CEIL":
        return np.ceil(y)
    if mode == "FLOOR":
        return np.floor(y)
    if mode == "UP":
        return np.sign(y) * np.ceil(np.abs(y))
    if mode == "DOWN":
        return np.fix(y)
    if mode == "HALF_UP":
        return np.sign(y) * np.floor(np.abs(y) + np.float32(0.5))
    if mode == "HALF_DOWN":
        return np.sign(y) * np.ceil(np.abs(y) - np.float32(0.5))
    raise ValueError(mode)


def int_bounds(bits, signed, narrow):
    if signed:
        return -(2 ** (bits - 1)) + narrow, 2 ** (bits - 1) - 1
    return 0, 2 ** bits - 1 - narrow


def np_quant(x, scale, zeropt, bits, signed, narrow, mode):
    scale, zeropt = f32(scale), f32(zeropt)
    y = x / scale + zeropt
    if bits == 1 and signed:
        y = np.where(y >= 0, f32(1), f32(-1))
    else:
        lo, hi = int_bounds(bits, signed, narrow)
        y = np_round(mode, np.clip(y, f32(lo), f32(hi)))
    return ((y - zeropt) * scale).astype(np.float32)


def fixture_quantizers(model):
    """The fixture's initializers as float64 arrays, and q(v, name, bits, signed, narrow): v through
    the Quant node `name` of the fixture, with its scale and zero point (rounding ROUND)."""
    m = onnx.load(os.path.join(HERE, f"{model}.onnx"))
    p = {i.name: numpy_helper.to_array(i).astype(np.float64) for i in m.graph.initializer}

    def q(v, name, bits, signed, narrow):
        return np_quant(f32(v), p[f"{name}_scale"], p[f"{name}_zeropt"], bits, signed, narrow, "ROUND")

    return p, q


def conv2d(x, w, pads=0, stride=1, group=1):
    """Plain NCHW convolution in float64 (OIHW weights, square pads and strides)."""
    x = np.pad(np.asarray(x, np.float64), ((0, 0), (0, 0), (pads, pads), (pads, pads)))
    n, c, h, wd = x.shape
    o, ipg, kh, kw = w.shape
    oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
    out = np.zeros((n, o, oh, ow))
    opg = o // group
    for oc in range(o):
        g = oc // opg
        xs = x[:, g * ipg:(g + 1) * ipg]
        for i in range(oh):
            for j in range(ow):
                patch = xs[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[:, oc, i, j] = (patch * w[oc]).sum(axis=(1, 2, 3))
    return out


class Checker:
    def __init__(self, refdir):
        self.refdir = refdir
        with open(os.path.join(refdir, "manifest.json")) as f:
            self.manifest = json.load(f)
        self.failures = 0
        self.lines = []

    def ref(self, model, tensor):
        entry = next(t for t in self.manifest["models"][model]["tensors"] if t["tensor"] == tensor)
        return np.load(os.path.join(self.refdir, entry["file"]))

    def expect(self, what, ok, detail=""):
        if not ok:
            self.failures += 1
            print(f"FAIL {what} {detail}")
        return ok

    def exact(self, model, tensor, expected):
        got = self.ref(model, tensor)
        same = got.shape == expected.shape and np.array_equal(got, expected)
        detail = ""
        if not same and got.shape == expected.shape:
            bad = np.flatnonzero(got != expected)
            detail = f"{bad.size} differ, first at {bad[0]}: got {got.flat[bad[0]]!r} expected {expected.flat[bad[0]]!r}"
        elif not same:
            detail = f"shape {got.shape} vs {expected.shape}"
        self.expect(f"{model}/{tensor}", same, detail)
        self.lines.append(f"  {model}/{tensor}: {got.size} values {'identical' if same else 'DIFFERENT'} to numpy")
        return got

    def check_quant_modes(self):
        x = formula_input([1, 4, 3, 3])
        hand_checked = 0
        for tag, op, domain, mode, bits, signed, narrow, scale, zeropt, bdt in QUANT_BRANCHES:
            mode = (mode or "ROUND").upper()
            xin = np.concatenate([x, probe_values(scale, zeropt)], axis=3)
            got = self.exact("quant_modes", f"q_{tag}", np_quant(xin, per_channel(scale), per_channel(zeropt), bits,
                                                                 signed, narrow, mode))
            # hand table on the probe block, where X/scale + zeropt reproduces the probe value exactly
            s = np.broadcast_to(per_channel(scale), (1, 4, 1, 1)).reshape(4)
            z = np.broadcast_to(per_channel(zeropt), (1, 4, 1, 1)).reshape(4)
            probe = probe_values(scale, zeropt)
            lo, hi = int_bounds(bits, signed, narrow)
            for c in range(4):
                y = (probe[0, c] / s[c] + z[c]).reshape(-1)
                for j, h in enumerate(PROBE_H):
                    if y[j] != h:
                        continue
                    if bits == 1 and signed:
                        q = 1 if h >= 0 else -1
                    else:
                        q = min(max(HAND[mode][j], lo), hi)
                    want = np.float32((np.float32(q) - z[c]) * s[c])
                    have = got[0, c].reshape(3, 7)[:, 3:].reshape(-1)[j]
                    hand_checked += 1
                    self.expect(f"quant_modes/q_{tag} probe c{c} h={h!r}", have == want, f"got {have!r} want {want!r}")
        self.lines.append(f"  quant_modes: {hand_checked} probe values match the hand-written rounding table")
        # a few headline cases, spelled out
        for mode, h, q in [("ROUND", 2.5, 2), ("ROUND", -2.5, -2), ("HALF_UP", -2.5, -3), ("UP", -2.5, -3),
                           ("HALF_DOWN", 2.5, 2), ("DOWN", -2.5, -2), ("FLOOR", -0.5, -1), ("CEIL", 0.5, 1),
                           ("HALF_UP", 0.49999997, 1)]:
            j = int(np.flatnonzero(PROBE_H == np.float32(h))[0])
            self.expect(f"hand table {mode}({h})", HAND[mode][j] == q and np_round(mode, PROBE_H[j]) == q)

    def check_bipolar_trunc(self):
        x = formula_input([1, 2, 4, 4])
        self.exact("bipolar_trunc", "bipolar",
                   (np.where(x >= 0, f32(1), f32(-1)) * f32([0.5, 0.25]).reshape(1, 2, 1, 1)).astype(np.float32))
        xq = self.exact("bipolar_trunc", "xq", np_quant(x, 0.25, 0.0, 4, 1, 0, "ROUND"))
        sum_a = (xq.reshape(1, 2, 2, 2, 2, 2).sum(axis=(3, 5))).astype(np.float32)  # 2x2 stride 2, sum
        sum_b = sum(xq[:, :, i:i + 3, j:j + 3] for i in range(2) for j in range(2)).astype(np.float32)
        # v1: y = round(X/s + z) / 2^(in-out), FLOOR, (y - z) * s
        y = np.floor(np.round(sum_a / f32(0.25)) / f32(4.0))
        self.exact("bipolar_trunc", "trunc_v1", (y * f32(0.25)).astype(np.float32))
        # v2: t = 2^round(log2(1.0/0.25)) = 4, clamp to signed 3 bit, ROUND, * out_scale 1.0
        y = np.round(np.clip(np.round(sum_b / f32(0.25)) / f32(4.0), -4, 3))
        self.exact("bipolar_trunc", "trunc_v2", y.astype(np.float32))
        # 7 inputs: zeropt 2, t = 2^round(log2(0.5/0.25)) = 2, unsigned narrow 4 bit [0, 14], CEIL,
        # (y - 2/2) * 0.5, out_zeropt (7) ignored
        y = np.ceil(np.clip(np.round(sum_b / f32(0.25) + f32(2.0)) / f32(2.0), 0, 14))
        self.exact("bipolar_trunc", "trunc_v3", ((y - f32(1.0)) * f32(0.5)).astype(np.float32))

    def check_multithreshold(self):
        model = onnx.load(os.path.join(HERE, "multithreshold.onnx"))
        t = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
        x = formula_input([1, 3, 4, 4])

        def mt(v, thr, axis, scale=1.0, bias=0.0):
            vm = np.expand_dims(np.moveaxis(v, axis, -1), -1)
            cnt = np.count_nonzero(vm >= thr, axis=-1)
            return (f32(scale) * np.moveaxis(cnt, -1, axis).astype(np.float32) + f32(bias)).astype(np.float32)

        self.exact("multithreshold", "mt_nchw", mt(x, t["t_nchw"], 1, 0.5, -1.5))
        self.exact("multithreshold", "mt_nhwc", mt(x.transpose(0, 2, 3, 1), t["t_nhwc"], 3))
        self.exact("multithreshold", "mt_global", mt(x, t["t_global"], 1, 2.0))
        self.exact("multithreshold", "mt_rank3", mt(x.reshape(1, 12, 4), t["t_rank3"], 2, 1.0, -1.0))
        eq = sum(int(np.isin(t["t_nchw"][c], x[0, c]).sum()) for c in range(3))
        self.lines.append(f"  multithreshold: {eq} NCHW thresholds equal an input value of their channel (x >= t)")

    def close(self, model, tensor, expected, step):
        """Float pipelines (Conv, BatchNormalization, Gemm) differ from numpy in summation order, so a
        value next to a rounding boundary may land one quantization step away: allow that, rarely."""
        got = self.ref(model, tensor).astype(np.float64)
        ok = got.shape == expected.shape
        if ok:
            diff = np.abs(got - expected)
            near = diff <= 1e-4 * max(1.0, float(np.abs(expected).max()))
            off = int((~near).sum())
            ok = bool(np.all(diff <= step * 1.001 + 1e-4)) and off <= max(1, got.size // 100)
            self.lines.append(f"  {model}/{tensor}: {got.size} values match a float64 numpy forward pass"
                              f" ({off} one step off, max |diff| {diff.max():.3g})")
        self.expect(f"{model}/{tensor} vs numpy forward pass", ok)

    def check_small_qcnn(self):
        p, q = fixture_quantizers("small_qcnn")
        x = formula_input([1, 3, 8, 8])

        def wq(name, bits):
            return q(p[name], name, bits, 1, 1).astype(np.float64)

        a = q(x, "inp_q", 8, 1, 0)
        y = conv2d(a, wq("conv1_w", 4), pads=1)
        y = (y - p["bn_mean"].reshape(1, -1, 1, 1)) / np.sqrt(p["bn_var"].reshape(1, -1, 1, 1) + 1e-5)
        y = y * p["bn_gamma"].reshape(1, -1, 1, 1) + p["bn_beta"].reshape(1, -1, 1, 1)
        a1 = q(np.maximum(y, 0), "act1", 4, 0, 0)
        self.close("small_qcnn", "act1", a1.astype(np.float64), 0.125)
        a1 = self.ref("small_qcnn", "act1")  # continue from the reference so differences do not compound
        pool = a1.reshape(1, 8, 4, 2, 4, 2).max(axis=(3, 5))
        a2 = q(np.maximum(conv2d(pool, wq("conv2_w", 4), pads=1), 0), "act2", 4, 0, 0)
        self.close("small_qcnn", "act2", a2.astype(np.float64), 0.25)
        a2 = self.ref("small_qcnn", "act2").astype(np.float64)
        bias = np_quant(f32(p["fc_b"]), p["fc_b_scale"], 0.0, 16, 1, 0, "ROUND")  # Ceil(15.3) = 16 bits
        logits = a2.reshape(1, -1) @ wq("fc_w", 8).T + bias
        self.close("small_qcnn", "logits", logits, 0.0)

    def check_channels_last(self):
        p, q = fixture_quantizers("channels_last")
        x = formula_input([1, 8, 8, 4])

        def ohwi_to_oihw(w):
            return w.transpose(0, 3, 1, 2)

        xq = self.exact("channels_last", "xq", q(x, "xq", 8, 1, 0))
        w1 = q(p["conv_w"], "conv_w", 4, 1, 1).astype(np.float64)
        y = conv2d(xq.transpose(0, 3, 1, 2), ohwi_to_oihw(w1), pads=1) + p["conv_b"].reshape(1, -1, 1, 1)
        a1 = q(np.maximum(y, 0).transpose(0, 2, 3, 1), "act1", 4, 0, 0)
        self.close("channels_last", "act1", a1.astype(np.float64), 0.125)
        a1 = self.ref("channels_last", "act1")
        w2 = q(p["dw_w"], "dw_w", 4, 1, 1).astype(np.float64)
        y = conv2d(a1.transpose(0, 3, 1, 2), ohwi_to_oihw(w2), pads=1, stride=2, group=6)
        a2 = q(y.transpose(0, 2, 3, 1), "act2", 8, 1, 0)
        self.close("channels_last", "act2", a2.astype(np.float64), 0.25)
        a2 = self.ref("channels_last", "act2")
        self.exact("channels_last", "pool", a2.reshape(1, 2, 2, 2, 2, 6).max(axis=(2, 4)))

    def check_grids(self):
        """Every written quantizer output with per-tensor parameters lies on its integer grid."""
        for name, model in self.manifest["models"].items():
            for t in model["tensors"]:
                if not t.get("is_quantizer_output") or not t.get("file"):
                    continue
                q = t["quantizer"]
                v = np.load(os.path.join(self.refdir, t["file"])).astype(np.float64)
                op = t["quantizer_op"]
                if op in ("Quant", "IntQuant"):
                    s, z, b = q["scale"]["scalar"], q["zeropt"]["scalar"], q["bitwidth"]["scalar"]
                    if None in (s, z, b):
                        self.lines.append(f"  {name}/{t['tensor']}: {op} with per-channel or computed parameters, "
                                          "grid not checked")
                        continue
                    levels = v / s + z
                    lo, hi = (-1, 1) if (b == 1 and q["signed"]) else int_bounds(int(b), q["signed"], q["narrow"])
                elif op == "BipolarQuant":
                    s = q["scale"]["scalar"]
                    if s is None:
                        continue
                    levels, lo, hi = v / s, -1, 1
                elif op == "MultiThreshold":
                    levels = (v - q["out_bias"]) / q["out_scale"]
                    lo, hi = 0, (q["thresholds_shape"] or [0, 0])[1]
                else:
                    self.lines.append(f"  {name}/{t['tensor']}: {op} grid not checked")
                    continue
                r = np.round(levels)
                ok = np.abs(levels - r).max() <= 1e-3 and r.min() >= lo and r.max() <= hi
                self.expect(f"{name}/{t['tensor']} on its grid", ok,
                            f"max off-grid {np.abs(levels - r).max():.3g}, range [{r.min()}, {r.max()}] vs [{lo}, {hi}]")
                used = np.unique(r).size
                at_bounds = float(np.mean((r == lo) | (r == hi)))
                self.lines.append(f"  {name}/{t['tensor']} ({op}): {v.size} values on the grid, {used} of "
                                  f"{hi - lo + 1} levels used, {at_bounds:.0%} at lo/hi")

    def run(self):
        for fn in (self.check_quant_modes, self.check_bipolar_trunc, self.check_multithreshold, self.check_small_qcnn,
                   self.check_channels_last, self.check_grids):
            fn()
        print("\n".join(self.lines))
        print(f"check: {'OK' if not self.failures else f'{self.failures} FAILURES'}")
        return 0 if not self.failures else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", nargs="?", const=REFDIR, metavar="DIR",
                    help=f"check the references in DIR (default {os.path.relpath(REFDIR)}) instead of writing")
    args = ap.parse_args()
    if args.check:
        return Checker(args.check).run()
    make_quant_modes(os.path.join(HERE, "quant_modes.onnx"))
    make_bipolar_trunc(os.path.join(HERE, "bipolar_trunc.onnx"))
    make_multithreshold(os.path.join(HERE, "multithreshold.onnx"))
    make_small_qcnn(os.path.join(HERE, "small_qcnn.onnx"))
    make_channels_last(os.path.join(HERE, "channels_last.onnx"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
