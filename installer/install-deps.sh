#!/usr/bin/env bash
# Installs every Debian 12 package that Foldwise's build, tests and GUI need.
# Idempotent: packages already present are skipped, so running it again is cheap.
# Needs root (or sudo) only when something is missing.
#
#   --fuzz   also install clang and its runtime libraries (libFuzzer, ASan, UBSan) for the
#            libFuzzer harnesses (cmake --preset fuzz, tests/fuzz/README.md). Not installed by
#            default: CI builds with GCC and only replays the fuzz corpora, so it stays lean.
set -euo pipefail

fuzz=0
for arg in "$@"; do
  case $arg in
    --fuzz) fuzz=1 ;;
    *) echo "install-deps: unknown option $arg (known: --fuzz)" >&2; exit 2 ;;
  esac
done

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6 and plotting
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqcustomplot-dev libgl-dev qt6-translations-l10n fonts-dejavu-core
  # model I/O and kernels
  libonnx-dev libprotobuf-dev protobuf-compiler libdnnl-dev
  # oneDNN's CMake package asks for OpenCL (Debian builds it with a GPU runtime too)
  ocl-icd-opencl-dev opencl-c-headers
  # formats and layout
  nlohmann-json3-dev libtomlplusplus-dev libgraphviz-dev libstb-dev libcli11-dev libssl-dev
  # tests: ONNX conformance data, a virtual display for GUI tests, platform plugins
  libonnx-testdata xvfb xauth qt6-qpa-plugins
  # Slurm: the client submits jobs; controller, node daemon and munge run the throw-away
  # single-node cluster of the cluster tests (tests/cluster/slurm-test-cluster.sh)
  slurm-client slurmctld slurmd munge
)
if [ "$fuzz" -eq 1 ]; then
  # Debian 12's clang 14 (`clang` adds the unversioned clang++ the fuzz preset names); libFuzzer
  # and the sanitizer runtimes are in libclang-rt-14-dev.
  packages+=(clang clang-14 libclang-rt-14-dev)
fi

# Node.js runs the reference runtime (onnxruntime-node) that the tests compare Foldwise with.
# Debian's nodejs and npm only when no node is on PATH: a NodeSource node already carries its
# own npm, and Debian's npm package would conflict with it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# onnxruntime-node, pinned by tests/reference/package-lock.json: a test tool, never linked into
# Foldwise. --ignore-scripts because its postinstall fetches GPU providers from outside npm; the
# CPU binaries are in the package itself (tests/reference/README.md).
reference="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/reference" && pwd)"
if [ ! -e "$reference/node_modules/onnxruntime-node/package.json" ]; then
  echo "install-deps: installing onnxruntime-node into $reference/node_modules"
  (cd "$reference" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
else
  echo "install-deps: onnxruntime-node present"
fi
