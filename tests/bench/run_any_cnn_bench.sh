#!/usr/bin/env bash
# Optimise time of the nine torchvision CNNs (tests/data/torchvision) on zcu102 in both hardware
# styles, one process per run, wall time measured around it:
#   fpgaconvnet greedy            Foldwise's own fpgaConvNet-style cost model
#   fpgaconvnet greedy compatible fpgaConvNet's cost model (--compatible)
#   finn budgeted                 FINN style, the budgeted search
# A model a style cannot build prints the one-line reason instead of a time. The throughput is
# the one the written report gives (report.json / estimate_network_performance.json).
# Usage: tests/bench/run_any_cnn_bench.sh BUILD_DIR
set -uo pipefail
build=${1:?build dir}
cli="$build/bin/foldwise-cli"
models="$build/tests/data/torchvision"
[ -f "$models/unpacked.stamp" ] || cmake --build "$build" --target torchvision_models >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fps() { # report file -> throughput
  /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["network"]["performance"]["throughput (FPS)"] if "network" in d else d["estimated_throughput_fps"])' "$1"
}
printf '%-20s %-28s %10s %14s  %s\n' model run seconds FPS note
for m in resnet50 mobilenet_v2 googlenet densenet121 efficientnet_b0 squeezenet1_0 shufflenet_v2_x1_0 regnet_y_400mf mnasnet1_0; do
  for run in "fpgaconvnet greedy" "fpgaconvnet greedy compatible" "finn budgeted"; do
    set -- $run
    out="$tmp/$m-$1-$2-${3:-}"
    args=(optimise "$models/$m.onnx" --platform zcu102 --style "$1" --optimiser "$2" -o "$out")
    [ "${3:-}" = compatible ] && args+=(--compatible)
    t0=$(date +%s.%N)
    if "$cli" "${args[@]}" >"$tmp/stdout" 2>"$tmp/stderr"; then
      t1=$(date +%s.%N)
      report="$out/report.json"; [ "$1" = finn ] && report="$out/estimate_network_performance.json"
      printf '%-20s %-28s %10.2f %14.3f\n' "$m" "$run" "$(echo "$t1 - $t0" | bc)" "$(fps "$report")"
    else
      printf '%-20s %-28s %10s %14s  %s\n' "$m" "$run" - - "$(tail -1 "$tmp/stderr" | cut -c1-160)"
    fi
  done
done
