#!/usr/bin/python3
"""Train and export the Foldwise bundled example model (digits CNN).

This is a developer tool, NOT a build dependency: its outputs are committed
to the repository and the build only consumes them.

What it does
------------
* Loads the handwritten-digits data set shipped with Debian's python3-sklearn
  (``sklearn.datasets.load_digits``: 1,797 labelled 8x8 greyscale images,
  pixel values 0..16, 10 classes).
* Scales inputs to float32 in [0, 1] (divide by 16), shape N x 1 x 8 x 8.
* Splits stratified train / held-out (test_size=0.25, random_state=0).
* Trains a small fpgaConvNet-friendly CNN (Conv+ReLU, MaxPool, Linear; no
  BatchNorm) with Adam on the CPU, fully seeded and deterministic.
* Exports it to ONNX (opset 13, input "input" 1x1x8x8, output "logits" 1x10).
* Saves the held-out split as calibration data (.npy) and writes README.md.

Outputs (all next to this script, in resources/example/)
--------------------------------------------------------
* digits_cnn.onnx              the trained model
* digits_calib.npy             float32, N x 1 x 8 x 8, held-out inputs (scaled)
* digits_calib_labels.npy      int64, N, held-out labels
* README.md                    documentation incl. the accuracy obtained

Requirements (Debian 12 packages)
---------------------------------
    apt-get install -y --no-install-recommends \\
        python3-torch python3-sklearn python3-onnx python3-numpy

Exact command (from the repository root; use the Debian interpreter, not a
pyenv/venv python that lacks these packages)
-------------------------------------------------------------------------
    /usr/bin/python3 resources/example/train_digits.py
"""

import os
import random
import subprocess

import numpy as np
import onnx
import sklearn
import torch
import torch.nn as nn
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
EPOCHS = 40
BATCH_SIZE = 32
LR = 1e-3
TEST_SIZE = 0.25
OPSET = 13

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
ONNX_PATH = os.path.join(OUT_DIR, "digits_cnn.onnx")
CALIB_PATH = os.path.join(OUT_DIR, "digits_calib.npy")
LABELS_PATH = os.path.join(OUT_DIR, "digits_calib_labels.npy")
README_PATH = os.path.join(OUT_DIR, "README.md")


def set_determinism(seed):
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(2)


class DigitsCNN(nn.Module):
    """Small CNN for 1x8x8 inputs; only ops fpgaConvNet handles well."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1),   # 16x8x8
            nn.ReLU(),
            nn.Conv2d(16, 32, kernel_size=3, padding=1),  # 32x8x8
            nn.ReLU(),
            nn.MaxPool2d(2),                              # 32x4x4
            nn.Conv2d(32, 32, kernel_size=3, padding=1),  # 32x4x4
            nn.ReLU(),
            nn.MaxPool2d(2),                              # 32x2x2
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(32 * 2 * 2, 64),
            nn.ReLU(),
            nn.Linear(64, 10),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = model(torch.from_numpy(x)).argmax(dim=1).numpy()
    return float((pred == y).mean()), pred


def pkg_version(name):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                              capture_output=True, text=True,
                              check=True).stdout.strip()
    except Exception:  # not a Debian system / package not installed
        return "unknown"


def layer_table(model):
    rows = []
    for name, mod in model.named_modules():
        if name == "" or isinstance(mod, nn.Sequential):
            continue
        nparams = sum(p.numel() for p in mod.parameters(recurse=False))
        rows.append((name, repr(mod), nparams))
    return rows


def write_readme(model, onnx_model, n_calib, n_train, test_acc, train_acc):
    versions = {p: pkg_version(p) for p in
                ("python3-torch", "python3-sklearn", "python3-onnx",
                 "python3-numpy")}
    total_params = sum(p.numel() for p in model.parameters())
    g = onnx_model.graph
    lines = [
        "# Foldwise example project model: handwritten digits CNN",
        "",
        "A small CNN trained for real on the handwritten-digits data set shipped",
        "with Debian's `python3-sklearn` (`sklearn.datasets.load_digits`: 1,797",
        "labelled 8x8 greyscale images, pixel values 0..16, 10 classes).",
        "",
        "**Generated file** - do not edit by hand; re-run the script instead.",
        "",
        "## Files",
        "",
        "| File | Content |",
        "|---|---|",
        "| `train_digits.py` | Training/export tool (not a build dependency). |",
        "| `digits_cnn.onnx` | Trained model, ONNX opset %d. Input `input` float32 "
        "[1,1,8,8], output `logits` float32 [1,10] (raw scores, no softmax). |" % OPSET,
        "| `digits_calib.npy` | Held-out split as calibration data: float32, "
        "shape [%d,1,8,8], pixel/16 in [0,1] - exactly what the model expects. |" % n_calib,
        "| `digits_calib_labels.npy` | Labels of the held-out split: int64, shape [%d], values 0..9. |" % n_calib,
        "| `README.md` | This file (written by `train_digits.py`). |",
        "",
        "## How to regenerate",
        "",
        "```sh",
        "apt-get install -y --no-install-recommends python3-torch python3-sklearn python3-onnx python3-numpy",
        "/usr/bin/python3 resources/example/train_digits.py",
        "```",
        "",
        "Use `/usr/bin/python3` (the Debian interpreter that sees these packages).",
        "",
        "## Training set-up",
        "",
        "* Seed: %d (`random`, `numpy`, `torch.manual_seed`), "
        "`torch.use_deterministic_algorithms(True)`, CPU only, "
        "`torch.set_num_threads(2)`." % SEED,
        "* Split: `train_test_split(test_size=%.2f, random_state=%d, stratify=y)` "
        "-> %d training / %d held-out images." % (TEST_SIZE, SEED, n_train, n_calib),
        "* Optimiser: Adam, lr=%g, batch size %d, %d epochs, cross-entropy loss."
        % (LR, BATCH_SIZE, EPOCHS),
        "* Export: `torch.onnx.export`, opset %d, `do_constant_folding=True`, "
        "static batch 1; node names as generated by torch." % OPSET,
        "",
        "Package versions used (`dpkg-query -W`):",
        "",
    ]
    for p, v in versions.items():
        lines.append("* `%s` %s" % (p, v))
    lines += [
        "",
        "## Result",
        "",
        "* Held-out top-1 accuracy: **%.2f %%** (%d / %d images)"
        % (100 * test_acc, round(test_acc * n_calib), n_calib),
        "* Training top-1 accuracy: %.2f %% (%d images)" % (100 * train_acc, n_train),
        "",
        "(Accuracies computed with the trained PyTorch model in eval mode; the",
        "exported ONNX graph is checked with `onnx.checker` and shape inference.)",
        "",
        "## Layers (PyTorch)",
        "",
        "| # | Module | Layer | Parameters |",
        "|---|---|---|---|",
    ]
    for i, (name, rep, n) in enumerate(layer_table(model)):
        lines.append("| %d | `%s` | `%s` | %d |" % (i, name, rep, n))
    lines += [
        "",
        "Total parameters: %d." % total_params,
        "",
        "## ONNX nodes",
        "",
        "| # | Op type | Name | Inputs | Outputs |",
        "|---|---|---|---|---|",
    ]
    for i, n in enumerate(g.node):
        lines.append("| %d | %s | `%s` | %s | %s |" % (
            i, n.op_type, n.name,
            ", ".join("`%s`" % s for s in n.input),
            ", ".join("`%s`" % s for s in n.output)))
    lines.append("")
    with open(README_PATH, "w") as f:
        f.write("\n".join(lines))


def main():
    set_determinism(SEED)
    device = torch.device("cpu")

    digits = load_digits()
    x = (digits.data.astype(np.float32) / 16.0).reshape(-1, 1, 8, 8)
    y = digits.target.astype(np.int64)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=TEST_SIZE, random_state=SEED, stratify=y)
    x_train = np.ascontiguousarray(x_train, dtype=np.float32)
    x_test = np.ascontiguousarray(x_test, dtype=np.float32)
    y_train = np.ascontiguousarray(y_train, dtype=np.int64)
    y_test = np.ascontiguousarray(y_test, dtype=np.int64)

    model = DigitsCNN().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = nn.CrossEntropyLoss()
    xt = torch.from_numpy(x_train)
    yt = torch.from_numpy(y_train)
    gen = torch.Generator().manual_seed(SEED)

    for epoch in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(xt), generator=gen)
        total = 0.0
        for i in range(0, len(xt), BATCH_SIZE):
            idx = perm[i:i + BATCH_SIZE]
            opt.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        if (epoch + 1) % 10 == 0 or epoch == 0:
            te, _ = accuracy(model, x_test, y_test)
            print("epoch %3d  loss %.4f  held-out top-1 %.4f"
                  % (epoch + 1, total / len(xt), te))

    train_acc, _ = accuracy(model, x_train, y_train)
    test_acc, _ = accuracy(model, x_test, y_test)

    # Export.
    model.eval()
    dummy = torch.from_numpy(x_test[:1].copy())
    torch.onnx.export(model, dummy, ONNX_PATH, opset_version=OPSET,
                      input_names=["input"], output_names=["logits"],
                      do_constant_folding=True, export_params=True)

    onnx_model = onnx.load(ONNX_PATH)
    onnx.checker.check_model(onnx_model)
    inferred = onnx.shape_inference.infer_shapes(onnx_model, strict_mode=True)
    onnx.checker.check_model(inferred)
    for vi in list(inferred.graph.input) + list(inferred.graph.output):
        dims = [d.dim_value for d in vi.type.tensor_type.shape.dim]
        print("ONNX %-7s %s %s" % (vi.name, dims,
                                   onnx.TensorProto.DataType.Name(
                                       vi.type.tensor_type.elem_type)))

    np.save(CALIB_PATH, x_test)
    np.save(LABELS_PATH, y_test)
    write_readme(model, onnx_model, len(x_test), len(x_train),
                 test_acc, train_acc)

    print("held-out top-1: %.4f (%d/%d)" % (test_acc, round(test_acc * len(y_test)), len(y_test)))
    print("train    top-1: %.4f (%d/%d)" % (train_acc, round(train_acc * len(y_train)), len(y_train)))
    print("torch %s, sklearn %s, onnx %s, numpy %s"
          % (torch.__version__, sklearn.__version__, onnx.__version__,
             np.__version__))
    for p in (ONNX_PATH, CALIB_PATH, LABELS_PATH, README_PATH):
        print("wrote %s (%d bytes)" % (os.path.relpath(p), os.path.getsize(p)))
    if test_acc < 0.97:
        raise SystemExit("held-out accuracy %.4f below the 0.97 target" % test_acc)


if __name__ == "__main__":
    main()
