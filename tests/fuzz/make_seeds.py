#!/usr/bin/env python3
"""Builds the fuzzers' starting seeds from the test data, the bundled example and files the CLI
writes; run_fuzzers.sh --seed merges them into corpus/<target> (libFuzzer -merge=1 keeps only
the inputs that add coverage). The committed corpora came from these seeds and fuzzing.

    python3 tests/fuzz/make_seeds.py --cli build/fuzz/bin/foldwise-cli --out /tmp/foldwise-seeds

Only the standard library is needed; ONNX's conformance data (libonnx-testdata) adds many small
models and TensorProto files when installed.
"""
import argparse
import glob
import hashlib
import json
import os
import random
import shutil
import struct
import subprocess
import tempfile

SEPARATOR = b"\n=====FOLDWISE-PART=====\n"  # FuzzSupport.h's kPartSeparator
SOURCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TESTDATA = "/usr/share/libonnx-testdata/data"
EXAMPLE = os.path.join(SOURCE, "resources", "example")
DIGITS = os.path.join(EXAMPLE, "digits_cnn.onnx")
SINGLE = os.path.join(SOURCE, "tests/data/fpgaconvnet/single_layer.onnx")


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Seeds:
    def __init__(self, out):
        self.out = out

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        folder = os.path.join(self.out, target)
        os.makedirs(folder, exist_ok=True)
        # Named by content, as libFuzzer names its corpus files.
        with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)

    def add_files(self, target, pattern, max_bytes=64 * 1024):
        for path in sorted(glob.glob(pattern)):
            if os.path.getsize(path) <= max_bytes:
                self.add(target, read(path))


def joined(*parts):
    return SEPARATOR.join(p.encode() if isinstance(p, str) else p for p in parts)


def run_cli(cli, *args):
    subprocess.run([cli, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def model_seeds(s):
    s.add_files("onnx_model", os.path.join(SOURCE, "tests/data/qonnx/*.onnx"), 16 * 1024)
    s.add_files("onnx_model", os.path.join(SOURCE, "tests/data/fpgaconvnet/single_layer.onnx"))
    s.add_files("onnx_model", os.path.join(SOURCE, "tests/data/finn/finn_residual_testcase.onnx"))
    s.add_files("onnx_model", os.path.join(SOURCE, "tests/data/qonnx/real/hls4ml_separable_conv_model_ch_last.onnx"))
    # One small model per operator test (the conformance suite has one per op and variant).
    s.add_files("onnx_model", os.path.join(TESTDATA, "node/*/model.onnx"), 2 * 1024)
    s.add_files("onnx_model", os.path.join(TESTDATA, "simple/*/model.onnx"), 8 * 1024)


def tensor_seeds(s):
    for path in sorted(glob.glob(os.path.join(TESTDATA, "node/*/test_data_set_0/*.pb"))):
        if os.path.getsize(path) <= 1024:
            s.add("tensor_proto", read(path))
    s.add_files("npy", os.path.join(SOURCE, "tests/data/fixtures/npy/*.npy"))
    s.add_files("npy", os.path.join(SOURCE, "tests/reference/qonnx/*.npy"), 1024)


def label_seeds(s):
    s.add_files("labels", os.path.join(SOURCE, "tests/data/fixtures/labels.csv"))
    s.add_files("labels", os.path.join(SOURCE, "tests/data/fixtures/npy/labels_*.npy"))
    s.add_files("labels", os.path.join(SOURCE, "tests/data/fixtures/npy/vector_i8.npy"))
    s.add("labels", 'file,label\n"a.png",3\nsub/b.png,7\n"c,d.png",-1\n')
    s.add("labels", "a.png,1\nb.png,2\na.png,3\n")


def platform_seeds(s):
    s.add_files("platform_toml", os.path.join(SOURCE, "resources/platforms/*.toml"))
    s.add("platform_toml", '[device]\nname = "x"\n[resources]\nDSP = 1\nBRAM = 2\nFF = 3\nLUT = 4\n'
                           '[system]\nboard_frequency = 100.0\nmemory_bandwidth = 1e1\nport_width = 512\n')


def qonnx_seeds(s):
    rng = random.Random(1)
    for op in range(4):          # Quant, BipolarQuant, Trunc, MultiThreshold
        for domain in range(5):
            for data_kind in (0, 1):  # weight, graph input
                # fuzz_qonnx_quant.cpp's order: domain, rank - 1, dims - 1 (2x3x2x2), 0 = weight, op;
                # then attribute and operand bytes, read as float32 where it takes values.
                head = bytes([domain, 3, 1, 2, 1, 1, data_kind, op])
                floats = b"".join(struct.pack("<f", rng.choice([0.5, 1.0, 0.125, 4.0, 8.0, -2.0, 0.0]))
                                  for _ in range(40))
                s.add("qonnx_quant", head + floats)


def minified(path):
    """JSON without indentation: the same document in fewer bytes, so mutations hit its content."""
    return json.dumps(json.loads(read(path)), separators=(",", ":"))


def example_design_seeds(s, cli, work):
    # design.json on the example model (fuzz_design_json.cpp loads it; the model hash must match).
    for name, args in [("fpga", ["--platform", "zcu102", "--moves", "2000"]),
                       ("compatible", ["--platform", "zedboard", "--compatible", "-b", "4", "--moves", "2000"]),
                       ("greedy", ["--platform", "zc706", "--optimiser", "greedy", "--objective", "latency"])]:
        folder = os.path.join(work, name)
        run_cli(cli, "optimise", DIGITS, *args, "-o", folder)
        s.add("design_json", minified(os.path.join(folder, "design.json")))
        s.add("fpgaconvnet_report", minified(os.path.join(folder, "report.json")))
    s.add("design_json", minified(os.path.join(EXAMPLE, "sweep_uniform/iteration_1/design.json")))
    # config.json on the small model fuzz_fpgaconvnet_config.cpp loads.
    for name, args in [("single", ["--platform", "zcu102", "--moves", "500"]),
                       ("single_compatible", ["--platform", "zcu104", "--compatible", "-b", "8", "--moves", "500"])]:
        folder = os.path.join(work, name)
        run_cli(cli, "optimise", SINGLE, *args, "-o", folder)
        s.add("fpgaconvnet_config", read(os.path.join(folder, "config.json")))
        s.add("fpgaconvnet_config", minified(os.path.join(folder, "config.json")))
        s.add("fpgaconvnet_report", minified(os.path.join(folder, "report.json")))

    # FINN style on the example model (fuzz_finn_folding.cpp).
    for name, args in [("finn", ["--platform", "pynq-z1"]),
                       ("finn_fast", ["--platform", "zcu104", "--optimiser", "greedy", "--target-fps", "100000"])]:
        folder = os.path.join(work, name)
        run_cli(cli, "optimise", DIGITS, *args, "--style", "finn", "-o", folder)
        s.add("finn_folding", read(os.path.join(folder, "folding_config.json")))
        names = ["estimate_layer_cycles.json", "estimate_layer_resources.json", "estimate_network_performance.json"]
        s.add("finn_estimates", joined(*[read(os.path.join(folder, n)) for n in names]))
        s.add("finn_estimates", read(os.path.join(folder, names[0])))
    s.add_files("finn_folding", os.path.join(SOURCE, "tests/data/finn/build_dataflow_folding_config.json"))
    s.add("finn_folding", '{"Defaults": {"PE": [2, ["MVAU_hls"]], "ram_style": ["distributed", "all"]}}')


def sidecar_variant(profile_text):
    """The profile with its count arrays moved into a side-car (little-endian int64), its size and
    hash left as the @BYTES@/@SHA256@ placeholders the profile harness fills in."""
    profile = json.loads(profile_text)
    blob = bytearray()

    def move(obj, key):
        values = obj[key]
        obj[key] = {"offset": len(blob), "length": len(values)}
        for v in values:
            blob.extend(struct.pack("<q", v))

    for t in profile.get("tensors", []):
        move(t, "channel_zeros")
    for c in profile.get("convolutions", []):
        for key in ("window_counts", "channel_window_counts"):
            if isinstance(c.get(key), list) and all(isinstance(v, int) for v in c[key]):
                move(c, key)
    profile["data_file"] = {"name": "profile.json.bin", "bytes": "@BYTES@", "sha256": "@SHA256@"}
    text = json.dumps(profile, separators=(",", ":")).replace('"@BYTES@"', "@BYTES@")
    return joined(text, bytes(blob))


def tiny_cnn(path):
    """A two-convolution CNN with ReLUs on a 1x2x6x6 input, written with the onnx package: its
    profile has every section (ReLUs, window and value histograms) in about 3 KB."""
    import onnx
    from onnx import TensorProto, helper
    rng = random.Random(2)

    def weight(name, dims):
        count = 1
        for d in dims:
            count *= d
        return helper.make_tensor(name, TensorProto.FLOAT, dims, [rng.uniform(-1, 1) for _ in range(count)])

    nodes = [helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv1", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
             helper.make_node("Conv", ["r1", "w2"], ["c2"], name="conv2", kernel_shape=[3, 3]),
             helper.make_node("Relu", ["c2"], ["y"], name="relu2")]
    graph = helper.make_graph(nodes, "tiny", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 6, 6])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 4, 4])],
                              [weight("w1", [3, 2, 3, 3]), weight("b1", [3]), weight("w2", [2, 3, 3, 3])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)


def profile_seeds(s, cli, work):
    small = os.path.join(work, "small.json")
    run_cli(cli, "profile", SINGLE, "--data", "synthetic:2", "-o", small)
    s.add("profile", read(small))
    s.add("profile", sidecar_variant(read(small).decode()))
    try:
        model = os.path.join(work, "tiny.onnx")
        tiny_cnn(model)
    except ImportError:
        print("make_seeds: no onnx package for python3: the profile seeds have no ReLUs")
        return
    s.add("onnx_model", read(model))
    tiny = os.path.join(work, "tiny.json")
    run_cli(cli, "profile", model, "--data", "synthetic:3", "-o", tiny)
    s.add("profile", minified(tiny))
    s.add("profile", sidecar_variant(read(tiny).decode()))


def relu_seeds(s):
    relus = ["/features/features.1/Relu", "/features/features.3/Relu", "/features/features.6/Relu",
             "/classifier/classifier.2/Relu"]
    s.add("relu_mapping", json.dumps({relus[0]: [relus[0], relus[1]]}))
    s.add("relu_mapping", json.dumps({relus[1]: [relus[2]], "overrides": {relus[3]: "identity", relus[0]: "relu"}}))
    s.add("relu_mapping", json.dumps({relus[0]: [relus[1], relus[2]], relus[3]: [relus[3]]}))
    for path in sorted(glob.glob(os.path.join(EXAMPLE, "sweep_uniform/iteration_[01]/thresholds.json"))):
        s.add("relu_thresholds", read(path))
    s.add("relu_thresholds", json.dumps({relus[0]: 0.5, relus[3]: 1e-3}))
    s.add("relu_thresholds", "{}")


def sweep_seeds(s):
    run = os.path.join(EXAMPLE, "sweep_uniform")
    summary = read(os.path.join(run, "summary.csv"))
    logs = sorted(glob.glob(os.path.join(run, "iteration_*/*_sparsity_log.csv")))
    s.add("run_directory", joined(summary, read(os.path.join(run, "manifest.json")), read(logs[0]), read(logs[1])))
    s.add("run_directory", joined(summary))
    s.add("summary_csv", summary)
    header = "Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity\n"
    original = (header + "net,{'conv1.1': 0.0, 'layer1.0.relu.1': 0.0},69.758,89.078,0.4375\n"
                + "net,{'conv1.1': 0.005, 'layer1.0.relu.1': 0.005},69.5,88.964,0.50125\n"
                + "net,None,68.25,88.5,0.5625\n")
    s.add("summary_csv", original)
    s.add("summary_csv", header + "net,\"{'a': np.float64(1e-05), \"\"b\"\": -0.0,}\",1,2,3\n")
    log6 = ("Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity,Avg Window Sparsity\n"
            "conv1,Conv2d,49,1.25,0.025,0.0\nlayer1.0.conv1,Conv2d,9,4.5,0.5,0.125\n")
    log5 = "Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity\nconv1,Conv2d,49,1.5,0.03\n"
    s.add("original_runlog", joined(
        "runlog/net/uniform_accuracy.csv", original,
        "runlog/net/uniform_relu_0.0/net_sparsity_log.csv", log6,
        "runlog/net/uniform_relu_0.005/net_sparsity_log.csv", log5,
        "relu_thresholds/net/net_uniform_relu_0.0.json", '{"conv1.1": 0.0, "layer1.0.relu.1": 0.0}',
        "relu_thresholds/net/net_uniform_relu_0.005.json", '{"conv1.1": 0.005, "layer1.0.relu.1": 0.005}'))
    s.add("original_runlog", joined(
        "runlog/net/slowest_node_accuracy.csv", header + "net,{'conv1.1': 0.1},50,60,0.5\nnet,None,1,2,3\n",
        "runlog/net/slowest_node_0/net_sparsity_log.csv", log6,
        "runlog/net/net_slowest_node_1.json", '{"conv1.1": 0.25}'))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True, help="foldwise-cli, to write designs, reports and profiles")
    parser.add_argument("--out", required=True, help="folder for <target>/ seed folders (emptied first)")
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    s = Seeds(args.out)
    model_seeds(s)
    tensor_seeds(s)
    label_seeds(s)
    platform_seeds(s)
    qonnx_seeds(s)
    relu_seeds(s)
    sweep_seeds(s)
    with tempfile.TemporaryDirectory() as work:
        example_design_seeds(s, os.path.abspath(args.cli), work)
        profile_seeds(s, os.path.abspath(args.cli), work)
    for target in sorted(os.listdir(args.out)):
        files = os.listdir(os.path.join(args.out, target))
        size = sum(os.path.getsize(os.path.join(args.out, target, f)) for f in files)
        print(f"{target:20} {len(files):5} seeds {size:10,} bytes")


if __name__ == "__main__":
    main()
