#!/usr/bin/env bash
# Installs the Debian package on a clean Debian 12 and runs it there:
#   bash installer/test-deb-clean.sh PACKAGE.deb [ROOTFS]     (as root; default ROOTFS: build/clean-bookworm)
# A clean machine is a minimal Debian 12 made with debootstrap (--variant=minbase: no Qt, no
# oneDNN, no protobuf, nothing of the build machine), so `apt-get install ./foldwise_*.deb` has to
# pull every run-time dependency from the package's own Depends. The root file system is made
# once and copied for every run, so each install starts from the same clean state.
# Checks inside it: the CLI answers and optimises the example model with the installed platform
# files; the GUI starts on the offscreen platform, shows German help text with --lang de (the
# translation loads), and saves a screenshot of the example project (copied out beside the
# package as <package>.clean-install.png, to be looked at).
set -euo pipefail

deb="$(realpath "${1:?usage: test-deb-clean.sh PACKAGE.deb [ROOTFS]}")"
src="$(cd "$(dirname "$0")/.." && pwd)"
pristine="$(realpath -m "${2:-$src/build/clean-bookworm}")"
mirror="http://deb.debian.org/debian"

[ "$(id -u)" = 0 ] || { echo "test-deb-clean: needs root (debootstrap, chroot)" >&2; exit 1; }
if [ ! -x "$pristine/usr/bin/apt-get" ]; then
  command -v debootstrap > /dev/null || apt-get install -y --no-install-recommends debootstrap
  rm -rf "$pristine"
  debootstrap --variant=minbase bookworm "$pristine" "$mirror"
fi

root="$(mktemp -d)"
cleanup() {
  for m in dev/pts dev proc; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
cp -a "$pristine/." "$root/"
# The updates and security suites a Debian 12 machine has, as on the build machine.
cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp "$deb" "$root/tmp/foldwise.deb"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

in_root test ! -e /usr/lib/x86_64-linux-gnu/libQt6Core.so.6 ||
  { echo "test-deb-clean: the root file system is not clean (Qt is already there)" >&2; exit 1; }
in_root apt-get update -q
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/foldwise.deb
in_root dpkg -s foldwise | sed -n '/^Version:/p;/^Depends:/p'

in_root foldwise-cli --version
in_root cp /usr/share/foldwise/platforms/zcu102.toml /tmp/zcu102.toml
cp "$src/resources/example/digits_cnn.onnx" "$root/tmp/digits_cnn.onnx"
in_root foldwise-cli optimise /tmp/digits_cnn.onnx --platform zcu102 --optimiser greedy -o /tmp/design > /dev/null
in_root test -s /tmp/design/design.json

help="$(in_root env QT_QPA_PLATFORM=offscreen foldwise --lang de --help 2>&1)"
if ! grep -q "Werkbank" <<< "$help"; then
  echo "test-deb-clean: the German translation did not load; foldwise --lang de --help said:" >&2
  echo "$help" >&2
  exit 1
fi
in_root env QT_QPA_PLATFORM=offscreen foldwise --lang de --screenshot /tmp/shot.png
in_root test -s /tmp/shot.png
cp "$root/tmp/shot.png" "${deb%.deb}.clean-install.png"
echo "test-deb-clean: installed and ran $(basename "$deb") on a clean Debian 12; screenshot ${deb%.deb}.clean-install.png"
