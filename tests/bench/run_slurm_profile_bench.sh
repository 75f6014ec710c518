#!/usr/bin/env bash
# Profiling as Slurm jobs against profiling here: resnet18 over N synthetic images, once in one
# process on this machine, then as 1, 2 and 4 shards (array tasks plus a merge job) on the
# throw-away single-node cluster of tests/cluster. Prints each run's wall time and the overhead
# per job (sharded wall time less the local one, over the jobs submitted). On one node the
# shards share its cores, so this measures what Slurm and the split cost, not a speed-up; on a
# real cluster each shard gets its own node. Needs root and Debian's Slurm packages.
# Usage: tests/bench/run_slurm_profile_bench.sh BUILD_DIR [IMAGES]
set -euo pipefail
build=$(cd "${1:?build dir}" && pwd)
images=${2:-512}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -f "$build/models/resnet18.onnx" ] || cmake --build "$build" --target reference_models >/dev/null
model="$build/models/resnet18.onnx"
cli="$build/bin/foldwise-cli"
cores=$(nproc)

work=$(mktemp -d)
trap 'bash "$here/../cluster/slurm-test-cluster.sh" stop "$work/cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
conf=$(bash "$here/../cluster/slurm-test-cluster.sh" start "$work/cluster")
export "${conf:?the test cluster did not start}"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", b-a}'; }

start=$(seconds)
OMP_NUM_THREADS=$cores "$cli" profile "$model" --data "synthetic:$images" --threads "$cores" \
  -o "$work/local.json" --csv "$work/local.csv" >/dev/null 2>&1
local_s=$(elapsed "$start" "$(seconds)")
echo "resnet18, $images synthetic images, $cores cores"
echo "local profile (one process, $cores threads): ${local_s} s"

for shards in 1 2 4; do
  # The node's cores shared out among the shards that can run at once.
  per_task=$(( cores / shards )); [ "$per_task" -ge 1 ] || per_task=1
  start=$(seconds)
  "$cli" profile "$model" --data "synthetic:$images" -o "$work/s$shards.json" --csv "$work/s$shards.csv" \
    --slurm --shards "$shards" --cpus-per-task "$per_task" >/dev/null
  wall=$(elapsed "$start" "$(seconds)")
  cmp -s "$work/local.csv" "$work/s$shards.csv" || { echo "shards $shards: sparsity log differs from the local one" >&2; exit 1; }
  jobs=$(( shards + 1 ))
  overhead=$(awk -v w="$wall" -v l="$local_s" -v j="$jobs" 'BEGIN{printf "%.2f", (w-l)/j}')
  echo "slurm, $shards shard(s) x $per_task cpu + merge: ${wall} s (overhead $overhead s per job; sparsity log identical)"
done
