#!/usr/bin/env bash
# Plain inference of resnet18, Foldwise against onnxruntime (onnxruntime-node, graph
# optimisation 'all'), same input and machine, 1 and 2 threads, rounds alternating between the
# two so both see the same machine load.
# Usage: tests/bench/run_inference_bench.sh BUILD_DIR [ROUNDS]
set -euo pipefail
build=${1:?build dir}
rounds=${2:-3}
here="$(cd "$(dirname "$0")" && pwd)"
# The seeded reference models the build writes (tests/models).
[ -f "$build/models/resnet18.onnx" ] || cmake --build "$build" --target reference_models >/dev/null
models="$(cd "$build/models" && pwd)"
reference="$here/../reference"
if [ ! -d "$reference/node_modules/onnxruntime-node" ]; then
  (cd "$reference" && npm install --ignore-scripts --no-audit --no-fund >/dev/null)
fi
declare -A ours theirs
for _ in $(seq "$rounds"); do
  for threads in 1 2; do
    ours[$threads]+=" $(OMP_NUM_THREADS=$threads "$build/bin/bench_inference" "$models/resnet18.onnx" 20 | sed 's/.*"median_ms":\([0-9.]*\).*/\1/')"
  done
  while read -r line; do
    threads=$(echo "$line" | sed 's/.*"threads":\([0-9]*\).*/\1/')
    theirs[$threads]+=" $(echo "$line" | sed 's/.*"median_ms":\([0-9.]*\).*/\1/')"
  done < <(node "$reference/bench_onnxruntime.mjs" "$models")
done
best() { printf '%s\n' $1 | sort -g | head -1; }
for threads in 1 2; do
  o=$(best "${ours[$threads]}"); t=$(best "${theirs[$threads]}")
  echo "resnet18 threads=$threads: foldwise ${o} ms, onnxruntime ${t} ms, speed-up over onnxruntime $(awk -v a="$t" -v b="$o" 'BEGIN{printf "%.2f", a/b}')x (best of $rounds medians of 20)"
done
