#!/usr/bin/env bash
# Builds the Debian package and checks it without installing it:
#   bash installer/build-deb.sh [BUILD_DIR]      (default: build/deb)
# A Release build of foldwise and foldwise-cli (no tests), `cpack -G DEB`, then the package is
# unpacked into a scratch folder with `dpkg -x` and its programs run from there: the CLI's
# --version and the GUI's German screenshot on the offscreen platform.
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$src/build/deb}"

# Warnings are errors here too: the Release build (-O3) sees warnings the Debug builds do not.
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFOLDWISE_BUILD_TESTS=OFF -DFOLDWISE_WERROR=ON
cmake --build "$build" --target foldwise foldwise-cli
(cd "$build" && cpack -G DEB)

deb="$(ls -t "$build"/foldwise_*.deb | head -n 1)"
echo "build-deb: $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
for f in usr/bin/foldwise usr/bin/foldwise-cli usr/share/applications/foldwise.desktop \
         usr/share/icons/hicolor/scalable/apps/foldwise.svg usr/share/mime/packages/foldwise.xml \
         usr/share/foldwise/platforms/zcu102.toml; do
  [ -e "$root/$f" ] || { echo "build-deb: $f is missing from the package" >&2; exit 1; }
done
"$root/usr/bin/foldwise-cli" --version
# The unpacked CLI finds its platforms beside itself (../share/foldwise/platforms).
"$root/usr/bin/foldwise-cli" optimise "$src/resources/example/digits_cnn.onnx" --platform zcu102 \
  --optimiser greedy -o "$root/design" > /dev/null
QT_QPA_PLATFORM=offscreen "$root/usr/bin/foldwise" --lang de --screenshot "$root/shot.png" 2> "$root/stderr.txt"
if grep -q "No translation" "$root/stderr.txt"; then
  echo "build-deb: the German translation did not load" >&2
  exit 1
fi
[ -s "$root/shot.png" ] || { echo "build-deb: no screenshot" >&2; exit 1; }
echo "build-deb: OK"
