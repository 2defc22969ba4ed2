#!/usr/bin/env bash
# Builds a throw-away package that depends on EMLab *by version* — the way a
# Swift user adds a library — and fits a mixture with it.
#
# SwiftPM refuses a dependency required by version that uses `unsafeFlags`
# (in debug and release alike), so this fails if Package.swift ever gains one
# again; and the consumer's fit checks that the library product is usable.
# `make test` runs it in debug, on 20,000 values: the check, built at half
# the cost of a release build. With --release it builds as a user's
# `swift build -c release` does and times 50 iterations on 10^6 values (ns
# per sample per iteration): that is a benchmark (Benchmarks/builds.sh).
#
# The working tree (tracked and untracked files, not ignored ones) is copied
# into a temporary git repository tagged 1.0.0, so uncommitted changes are
# what is tested.
#   Tests/DependentPackage/check.sh            build (debug) and check
#   Tests/DependentPackage/check.sh --release  build (release), check and time
#   KEEP=1 Tests/DependentPackage/check.sh     keep the temporary folder
set -euo pipefail
configuration=debug
consumer_arguments=(--count 20000 --no-timing)
if [ "${1:-}" = "--release" ]; then configuration=release; consumer_arguments=(); shift; fi
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
swift build -c "$configuration" 2>&1 | grep -E "error|warning: .*unsafe|Compiling consumer|Build complete" || true
[ -x ".build/$configuration/consumer" ] || { echo "dependent package: the build failed" >&2; swift build -c "$configuration"; exit 1; }
".build/$configuration/consumer" ${consumer_arguments[@]+"${consumer_arguments[@]}"} "$@"
