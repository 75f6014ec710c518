#!/usr/bin/python3
"""Exports the torchvision CNNs of Foldwise's "any CNN" tests (issue 15) to ONNX.

Run with Debian's python3-torch and python3-torchvision (torch 1.13, torchvision 0.14):

    /usr/bin/python3 tests/reference/torchvision/make_models.py OUT_DIR

Each model is exported as a user would (torch.onnx.export, opset 14, a dynamic batch axis), in
eval mode. The weights are not trained ones: every parameter is set from a short periodic
sequence, so that the files compress to a few kilobytes (models.tar.xz) while activations stay
non-zero and varied. Shapes, MACs and hardware designs do not depend on the weight values.
"""
import os
import sys

import torch
import torchvision.models as tvm

MODELS = {
    "resnet50": lambda: tvm.resnet50(),
    "mobilenet_v2": lambda: tvm.mobilenet_v2(),
    "googlenet": lambda: tvm.googlenet(aux_logits=False, init_weights=False),
    "densenet121": lambda: tvm.densenet121(),
    "efficientnet_b0": lambda: tvm.efficientnet_b0(),
    "squeezenet1_0": lambda: tvm.squeezenet1_0(),
    "shufflenet_v2_x1_0": lambda: tvm.shufflenet_v2_x1_0(),
    "regnet_y_400mf": lambda: tvm.regnet_y_400mf(),
    "mnasnet1_0": lambda: tvm.mnasnet1_0(),
}

PERIOD = 97  # values repeat every PERIOD floats: xz finds the repeats


def periodic_fill(tensor, scale, phase):
    # phase differs per parameter: torch.onnx would otherwise share equal initializers
    n = tensor.numel()
    base = torch.tensor([(((i + phase) * 7919) % PERIOD) / PERIOD - 0.5 for i in range(PERIOD)], dtype=torch.float32)
    values = base.repeat((n + PERIOD - 1) // PERIOD)[:n] * scale
    tensor.copy_(values.reshape(tensor.shape))


def set_weights(model):
    with torch.no_grad():
        for index, (name, p) in enumerate(model.named_parameters()):
            if name.endswith("bias"):
                periodic_fill(p, 0.02 * (1 + index % 5), index)
            elif p.dim() == 1:  # normalisation scales
                p.fill_(1.0)
            else:  # fan-in scaled, so activations keep their size through deep stacks
                fan_in = max(1, p[0].numel())
                periodic_fill(p, 3.4 / fan_in ** 0.5 * (1 + 0.01 * index), index)
        for name, b in model.named_buffers():
            if name.endswith("running_mean"):
                b.zero_()
            elif name.endswith("running_var"):
                b.fill_(1.0)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    only = set(sys.argv[2:])
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    for name, make in MODELS.items():
        if only and name not in only:
            continue
        model = make().eval()
        set_weights(model)
        x = torch.zeros(1, 3, 224, 224)
        path = os.path.join(out, name + ".onnx")
        torch.onnx.export(model, x, path, opset_version=14, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True)
        print(path, os.path.getsize(path))


if __name__ == "__main__":
    main()
