#!/usr/bin/env bash
# fpgaConvNet's own optimiser against Foldwise's, on fpgaConvNet's cost model: resnet18
# (the seeded model the build writes, tests/models) on zcu102 with fpgaConvNet's default settings (16-bit, resource allocation
# 1.0, off-chip weight streaming and bram_to_lut on), batch 1 and 256. `optimise --compatible` searches on the
# compatible model; the FPS printed is what `evaluate --compatible` computes from the written
# config.json (fpgaConvNet's own numbers for that design), checked equal to the optimiser's
# report.json. fpgaConvNet's figures (fpgaconvnet-optimiser, measured by the author on
# the same model and platform): greedy 2.47 FPS at batch 1 (15 min) and 36.9 FPS at batch 256
# (98 s); simulated annealing 0.57 and 6.8 FPS.
# Usage: tests/bench/run_fpgaconvnet_optimise_bench.sh BUILD_DIR [MODEL]
set -euo pipefail
build=${1:?build dir}
[ -f "$build/models/resnet18.onnx" ] || cmake --build "$build" --target reference_models >/dev/null
model=${2:-"$build/models/resnet18.onnx"}
cli="$build/bin/foldwise-cli"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
declare -A greedy=([1]=2.47 [256]=36.9) annealing=([1]=0.57 [256]=6.8)
for batch in 1 256; do
  for optimiser in greedy annealing; do
    out="$tmp/${optimiser}_$batch"
    t0=$(date +%s.%N)
    "$cli" optimise "$model" --platform zcu102 --compatible --optimiser "$optimiser" -b "$batch" -o "$out" >/dev/null
    t1=$(date +%s.%N)
    "$cli" evaluate "$model" --design "$out/config.json" --compatible --platform zcu102 --json >"$out/again.json"
    tr -d '\n ' <"$out/report.json" | sed 's/,/,\n/g' >"$out/report.flat"
    tr -d '\n ' <"$out/again.json" | sed 's/,/,\n/g' >"$out/again.flat"
    mine=$(sed -n 's/.*"throughput(FPS)":\([0-9.e+-]*\).*/\1/p' "$out/report.flat" | head -1)
    again=$(sed -n 's/.*"throughput(FPS)":\([0-9.e+-]*\).*/\1/p' "$out/again.flat" | head -1)
    [ "$mine" = "$again" ] || { echo "batch $batch $optimiser: report.json $mine FPS but config.json re-evaluates to $again FPS" >&2; exit 1; }
    awk -v b="$batch" -v o="$optimiser" -v f="$mine" -v s0="$t0" -v s1="$t1" -v g="${greedy[$batch]}" -v a="${annealing[$batch]}" \
      'BEGIN{printf "resnet18 zcu102 batch %d, Foldwise %s: %.3f FPS in %.2f s (fpgaConvNet greedy %s FPS: %.2fx, annealing %s FPS: %.2fx)\n", b, o, f, s1-s0, g, f/g, a, f/a}'
  done
done
