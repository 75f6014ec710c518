#!/usr/bin/env bash
# Quantised models: `foldwise-cli inspect` and a 100-item `foldwise-cli profile` of a
# Brevitas-style CNV in QONNX (w1a1, w2a2) against the float CNV of the same topology and
# weights, and one inference of the w2a2 network: Foldwise (quantizers run natively) against
# onnxruntime running the same model with its quantizers written as standard ONNX ops
# (tests/reference/qonnx_to_standard.py), 1 and 2 threads. Best of ROUNDS wall times.
# Usage: tests/bench/run_qonnx_bench.sh BUILD_DIR [ROUNDS]
set -euo pipefail
build=${1:?build dir}
rounds=${2:-3}
here="$(cd "$(dirname "$0")" && pwd)"
reference="$here/../reference"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cli="$build/bin/foldwise-cli"
for variant in "0 0 float" "1 1 w1a1" "2 2 w2a2"; do
  set -- $variant
  "$build/bin/make_qonnx_cnv" "$1" "$2" "$tmp/cnv_$3.onnx"
done
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}'; }
best() { printf '%s\n' "$@" | sort -g | head -1; }
declare -A inspect profile
for name in float w1a1 w2a2; do
  i=(); p=()
  for _ in $(seq "$rounds"); do
    i+=("$(seconds "$cli" inspect "$tmp/cnv_$name.onnx" --json)")
    p+=("$(seconds "$cli" profile "$tmp/cnv_$name.onnx" --data synthetic:100 -o "$tmp/profile_$name.json")")
  done
  inspect[$name]=$(best "${i[@]}"); profile[$name]=$(best "${p[@]}")
done
for name in float w1a1 w2a2; do
  echo "cnv $name: inspect ${inspect[$name]} s, profile of 100 items ${profile[$name]} s ($(awk -v a="${profile[$name]}" -v b="${profile[float]}" 'BEGIN{printf "%.2f", a/b}')x the float network)"
done
if [ ! -d "$reference/node_modules/onnxruntime-node" ]; then
  (cd "$reference" && npm install --ignore-scripts --no-audit --no-fund >/dev/null)
fi
/usr/bin/python3 "$reference/qonnx_to_standard.py" "$tmp/cnv_w2a2.onnx" "$tmp/cnv_w2a2_standard.onnx" >/dev/null
for threads in 1 2; do
  o=$(OMP_NUM_THREADS=$threads "$build/bin/bench_inference" "$tmp/cnv_w2a2.onnx" 20 | sed 's/.*"median_ms":\([0-9.]*\).*/\1/')
  t=$(node "$reference/bench_onnxruntime.mjs" --model "$tmp/cnv_w2a2_standard.onnx" --threads "$threads" | sed 's/.*"median_ms":\([0-9.]*\).*/\1/')
  echo "cnv w2a2 inference threads=$threads: foldwise $o ms, onnxruntime (standard ops) $t ms, speed-up $(awk -v a="$t" -v b="$o" 'BEGIN{printf "%.2f", a/b}')x"
done
