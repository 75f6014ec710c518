#!/usr/bin/env bash
# Model loading + shape inference: Foldwise against ONNX's own Python implementation
# (onnx.load + onnx.shape_inference.infer_shapes + onnx.checker.check_model, Debian's python3-onnx),
# which is what engineers' scripts run today. One script, same machine, same models.
# Usage: tests/bench/run_inspect_bench.sh BUILD_DIR [RUNS]
set -euo pipefail
build=${1:?build dir}
runs=${2:-10}
# The seeded reference models the build writes (tests/models).
[ -f "$build/models/resnet18.onnx" ] || cmake --build "$build" --target reference_models >/dev/null
models="$(cd "$build/models" && pwd)"
if ! /usr/bin/python3 -c "import onnx" 2>/dev/null; then
  echo "needs Debian's python3-onnx (apt-get install python3-onnx)" >&2
  exit 1
fi
for model in resnet18 mobilenet_v2 cnv; do
  file="$models/$model.onnx"
  ours=$("$build/bin/bench_inspect" "$runs" "$file" | awk '{print $2}')
  ref=$(/usr/bin/python3 - "$file" "$runs" <<'PY'
import sys, time, statistics, onnx
f, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t = time.perf_counter()
    m = onnx.shape_inference.infer_shapes(onnx.load(f))
    onnx.checker.check_model(m)
    times.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(times):.2f}")
PY
)
  ratio=$(awk -v a="$ref" -v b="$ours" 'BEGIN{printf "%.1f", a/b}')
  echo "$model: foldwise ${ours} ms, python onnx ${ref} ms, foldwise is ${ratio}x faster"
done
