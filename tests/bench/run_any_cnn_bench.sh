#!/usr/bin/env bash
# Optimise time of the nine torchvision CNNs (tests/data/torchvision) on zcu102 in both hardware
# styles, one process per run, wall time measured around it:
#   fpgaconvnet greedy              Foldwise's own fpgaConvNet-style cost model
#   fpgaconvnet greedy --compatible fpgaConvNet's cost model
#   finn budgeted w1a2              FINN style at finn-examples' ResNet-50 precision, FINN's
#                                   CapConvolutionFIFODepths on (--cap-conv-fifos)
# A model a style cannot build prints the one-line reason instead of a time; a run over
# TIMEOUT seconds (default 900) is stopped. The throughput is the one the written report gives
# (report.json / estimate_network_performance.json); "infeasible" when `evaluate` says the
# design does not fit.
# Usage: tests/bench/run_any_cnn_bench.sh BUILD_DIR [TIMEOUT]
set -uo pipefail
build=${1:?build dir}
limit=${2:-900}
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
runs=("fpgaconvnet greedy" "fpgaconvnet greedy --compatible" "finn budgeted --weight-bits 1 --act-bits 2 --cap-conv-fifos")
printf '%-20s %-30s %9s %12s  %s\n' model run seconds FPS note
for m in resnet50 mobilenet_v2 googlenet densenet121 efficientnet_b0 squeezenet1_0 shufflenet_v2_x1_0 regnet_y_400mf mnasnet1_0; do
  for run in "${runs[@]}"; do
    set -- $run
    style=$1 optimiser=$2
    shift 2
    out="$tmp/$m-$style-$optimiser-$#"
    label="$style $optimiser$( [ "${1:-}" = --compatible ] && echo ' compatible')"
    t0=$(date +%s.%N)
    if timeout "$limit" "$cli" optimise "$models/$m.onnx" --platform zcu102 --style "$style" --optimiser "$optimiser" "$@" \
         -o "$out" >"$tmp/stdout" 2>"$tmp/stderr"; then
      t1=$(date +%s.%N)
      if [ "$style" = finn ]; then
        report="$out/estimate_network_performance.json"; note=""
      else
        report="$out/report.json"
        note=$("$cli" evaluate "$models/$m.onnx" --design "$out/config.json" --platform zcu102 ${1:+--compatible} 2>&1 \
               | grep -i -m1 "does not fit\|infeasible\|exceeds" | cut -c1-80)
      fi
      printf '%-20s %-30s %9.1f %12.3f  %s\n' "$m" "$label" "$(echo "$t1 - $t0" | bc)" "$(fps "$report")" "$note"
    elif [ $? -eq 124 ]; then
      printf '%-20s %-30s %9s %12s  %s\n' "$m" "$label" ">$limit" - "stopped"
    else
      printf '%-20s %-30s %9s %12s  %s\n' "$m" "$label" - - "$(tail -1 "$tmp/stderr" | cut -c1-150)"
    fi
  done
done
