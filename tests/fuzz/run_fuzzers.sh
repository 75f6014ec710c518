#!/usr/bin/env bash
# Runs the libFuzzer harnesses of a FOLDWISE_FUZZ build (cmake --preset fuzz) and prints, per
# target, execs per second, coverage (cov: edges, ft: features, from libFuzzer's last status
# line) and crashes.
#
#   tests/fuzz/run_fuzzers.sh [OPTIONS] BUILD_DIR SECONDS [TARGET...]
#
# Each fuzzer runs for SECONDS on a scratch copy of tests/fuzz/corpus/<target>, so the committed
# corpus changes only through libFuzzer's -merge=1 (--merge). Crashers are kept in
# <scratch>/crashes/<target>/ (the path is printed); copy the ones that matter to
# tests/fuzz/regressions/<target>/ once the bug is fixed (the replay tests run that folder).
#
# Options:
#   --jobs N        run N fuzzers at a time (default 1; each uses one core)
#   --merge         afterwards, add the inputs that found new coverage to corpus/<target>
#   --minimise      afterwards, replace corpus/<target> by a minimal set covering it and the run
#   --seeds DIR     also start from DIR/<target>/ (python3 tests/fuzz/make_seeds.py writes one)
#   --keep-going    keep fuzzing after a crash (libFuzzer's fork mode: -fork=1 -ignore_crashes=1)
#   --scratch DIR   where the corpora copies, crashers and logs go (default: a new /tmp folder)
# Environment: FUZZ_ARGS adds libFuzzer options (e.g. FUZZ_ARGS=-max_len=4096).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jobs=1 merge=0 minimise=0 seeds="" keep_going=0 scratch=""
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --jobs) jobs=$2; shift 2 ;;
    --merge) merge=1; shift ;;
    --minimise|--minimize) minimise=1; shift ;;
    --seeds) seeds=$(cd "$2" && pwd); shift 2 ;;
    --keep-going) keep_going=1; shift ;;
    --scratch) scratch=$2; shift 2 ;;
    *) echo "run_fuzzers.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $# -lt 2 ]]; then
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  # Every harness the build has, in CMakeLists.txt's order.
  mapfile -t targets < <(sed -n '/^set(FOLDWISE_FUZZ_TARGETS/,/)/p' "$here/CMakeLists.txt" \
                         | sed 's/set(FOLDWISE_FUZZ_TARGETS//; s/)//' | tr ' ' '\n' | sed '/^$/d')
fi
for t in "${targets[@]}"; do
  if [[ ! -x $build/bin/fuzz_$t ]]; then
    echo "run_fuzzers.sh: $build/bin/fuzz_$t is missing: configure with FOLDWISE_FUZZ=ON (cmake --preset fuzz)" \
         "and build it (cmake --build build/fuzz --target foldwise_fuzzers)" >&2
    exit 2
  fi
done
scratch=${scratch:-$(mktemp -d /tmp/foldwise-fuzz-run.XXXXXX)}
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
# LeakSanitizer: oneDNN's per-thread scratchpads (tests/sanitizer/lsan.supp).
export LSAN_OPTIONS="suppressions=$here/../sanitizer/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_stack_use_after_return=0}"
# The kernels of the qonnx_quant target would start a thread pool per core: one is enough here.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}

# Merges keep an input only for new edges (-use_counters=0: hit counts do not count), so the
# committed corpora stay small; fuzzing regrows the finer features from them in seconds.
merge_args="-use_counters=0 -timeout=10 -rss_limit_mb=2048"

run_one() {
  local t=$1 fuzzer=$build/bin/fuzz_$1
  local corpus=$scratch/corpus/$t crashes=$scratch/crashes/$t log=$scratch/logs/$t.log
  mkdir -p "$corpus" "$crashes" "$scratch/logs" "$scratch/tmp/$t"
  cp -r "$here/corpus/$t/." "$corpus/" 2>/dev/null || true
  local args=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
              -artifact_prefix="$crashes/")
  [[ -f $here/dict/$t.dict ]] && args+=(-dict="$here/dict/$t.dict")
  # Longest input: a little above the largest seed, so mutations stay on the documents' content.
  case $t in
    onnx_model) args+=(-max_len=16384) ;;
    design_json|fpgaconvnet_config|fpgaconvnet_report|profile|run_directory) args+=(-max_len=8192) ;;
    *) args+=(-max_len=4096) ;;
  esac
  [[ $keep_going == 1 ]] && args+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
  local inputs=("$corpus")
  [[ -n $seeds && -d $seeds/$t ]] && inputs+=("$seeds/$t")
  # The harnesses' files go to a folder of the run's (removed at the end), not /tmp.
  TMPDIR=$scratch/tmp/$t "$fuzzer" "${args[@]}" ${FUZZ_ARGS:-} "${inputs[@]}" >"$log" 2>&1 || true
  if [[ $minimise == 1 ]]; then
    local fresh=$scratch/minimised/$t
    rm -rf "$fresh" && mkdir -p "$fresh"
    TMPDIR=$scratch/tmp/$t "$fuzzer" -merge=1 $merge_args "$fresh" "$here/corpus/$t" "$corpus" \
      >"$scratch/logs/$t.merge.log" 2>&1
    rm -rf "$here/corpus/$t" && mkdir -p "$here/corpus/$t" && cp "$fresh"/* "$here/corpus/$t/" 2>/dev/null || true
  elif [[ $merge == 1 ]]; then
    mkdir -p "$here/corpus/$t"
    TMPDIR=$scratch/tmp/$t "$fuzzer" -merge=1 $merge_args "$here/corpus/$t" "$corpus" \
      >"$scratch/logs/$t.merge.log" 2>&1
  fi
}

running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [[ $running -ge $jobs ]]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

printf '%-20s %10s %8s %8s %8s  %s\n' target "execs/s" cov ft crashes "log / crashers"
for t in "${targets[@]}"; do
  log=$scratch/logs/$t.log
  # The last status line ("#N DONE cov: C ft: F corp: ... exec/s: E ...") carries the coverage;
  # execs per second from the final stats, else that line.
  status=$(grep -aE '^#[0-9]+:?[[:space:]].*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$status")
  ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$status")
  execs=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
  # (fork mode, --keep-going, prints "exec/s N" without the colon and no final stats)
  [[ -z $execs ]] && execs=$(sed -nE 's/.*exec\/s:? ([0-9]+).*/\1/p' <<<"$status")
  crashes=$(find "$scratch/crashes/$t" -type f | wc -l)
  printf '%-20s %10s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$crashes" \
    "$log$( [[ $crashes -gt 0 ]] && echo " $scratch/crashes/$t/")"
done
rm -rf "$scratch/tmp"
