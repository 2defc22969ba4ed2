#!/usr/bin/env bash
# Builds a throw-away package that depends on EMLab *by version* — the way a
# Swift user adds a library — and fits a mixture with it, in release.
#
# SwiftPM refuses a dependency required by version that uses `unsafeFlags`,
# so this fails if Package.swift ever gains one again; and the consumer's
# fit checks that the library product is usable (and fast: it prints the
# E-step kernel level and ns per sample per iteration).
#
# The working tree (tracked and untracked files, not ignored ones) is copied
# into a temporary git repository tagged 1.0.0, so uncommitted changes are
# what is tested.
#   Tests/DependentPackage/check.sh            build and run
#   KEEP=1 Tests/DependentPackage/check.sh     keep the temporary folder
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/emlab-consumer.XXXXXX)"
cleanup() { [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

echo "dependent package: EMLab as a versioned dependency (file://$work/emlab, from: 1.0.0)"
mkdir -p "$work/emlab"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) | while IFS= read -r -d '' f; do
    [ -e "$root/$f" ] || continue   # deleted but not yet committed
    case "$f" in Results/*|Benchmarks/*) continue ;; esac
    mkdir -p "$work/emlab/$(dirname "$f")" && cp -p "$root/$f" "$work/emlab/$f"
done
git -C "$work/emlab" init -q
git -C "$work/emlab" add -A
git -C "$work/emlab" -c user.name=emlab -c user.email=emlab@localhost commit -q -m "EMLab under test"
git -C "$work/emlab" tag 1.0.0

mkdir -p "$work/consumer/Sources/consumer"
cp "$here/Sources/consumer/main.swift" "$work/consumer/Sources/consumer/"
sed "s|@EMLAB_URL@|file://$work/emlab|" "$here/Package.swift.in" > "$work/consumer/Package.swift"

cd "$work/consumer"
swift build -c release 2>&1 | grep -E "error|warning: .*unsafe|Compiling consumer|Build complete" || true
[ -x .build/release/consumer ] || { echo "dependent package: the build failed" >&2; swift build -c release; exit 1; }
.build/release/consumer "$@"
