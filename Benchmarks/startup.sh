#!/usr/bin/env bash
# The start-up cost of `emlab --version` (issue 22), side by side in one run:
# the release build as users make it (`swift build -c release`), the same
# with the Swift runtime linked statically (`--static-swift-stdlib`), a
# Swift "hello" without Foundation, and /bin/true (exec alone).
#
#   Benchmarks/startup.sh            # builds the static variant into /tmp/emlab-static-build
#   RUNS=200 Benchmarks/startup.sh
#
# Prints each command's mean milliseconds per call over RUNS calls, rounds
# interleaved, and its ratio to the plain release build.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-100}
ROUNDS=${ROUNDS:-3}
swift build -c release --product emlab >/dev/null
STATIC=${STATIC:-/tmp/emlab-static-build}  # STATIC=<a build path> reuses a static build made there
swift build -c release --product emlab --static-swift-stdlib --build-path "$STATIC" >/dev/null
HELLO=$(mktemp -d)/hello
printf 'print("0.1.0")\n' > "$HELLO.swift"
swiftc -O "$HELLO.swift" -o "$HELLO"
commands=(".build/release/emlab --version" "$STATIC/release/emlab --version" "$HELLO" "/bin/true")
declare -A total
for c in "${commands[@]}"; do total[$c]=0; done
for round in $(seq "$ROUNDS"); do
    for c in "${commands[@]}"; do
        start=$(date +%s%N)
        for _ in $(seq "$RUNS"); do $c >/dev/null; done
        total[$c]=$(( ${total[$c]} + $(date +%s%N) - start ))
    done
done
base=${total[${commands[0]}]}
for c in "${commands[@]}"; do
    awk -v t="${total[$c]}" -v b="$base" -v n=$((RUNS * ROUNDS)) -v c="$c" \
        'BEGIN { printf "%-55s %7.2f ms  %.2f×\n", c, t / n / 1e6, t / b }'
done
