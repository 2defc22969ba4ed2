#!/bin/bash
# Section 8 at one cell, two builds A and B timed by alternating processes:
# one process's figures move by up to a point (a per-process offset), so each
# build runs in N processes (default 7), A and B in turn, and the median over
# its processes of each scheme's overhead (minimum over rounds) is printed.
#
#   ./abtest.sh A/emlab-benchmarks B/emlab-benchmarks            DAAREM and AA(3), Δ = 1, n = 1000, K = 2
#   N=11 SCHEMES=daarem,qn ./abtest.sh A/emlab-benchmarks B/emlab-benchmarks
#   CELL="--gap 1 --count 1000 --components 5" ./abtest.sh A B
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
runs=${N:-7}
cell=${CELL:---gap 1 --count 1000 --components 2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
    for side in A B; do
        binary=$1; [ "$side" = B ] && binary=$2
        # shellcheck disable=SC2086
        "$binary" --sections 8 $cell --schemes "${SCHEMES:-daarem,anderson}" \
            | awk -F'|' -v side="$side" '$2 ~ /[0-9]/ && $6 ~ /[a-z]/ { gsub(/[ %]/, "", $10); gsub(/ /, "", $6); print side, $6, $10 }' \
            >> "$out/figures"
    done
done
python3 - "$out/figures" "$runs" <<'PY'
import collections, statistics, sys
figures = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, scheme, value = line.split()
    figures[(scheme, side)].append(float(value))
print(f"overhead per E-step pass (minimum over rounds), median of {sys.argv[2]} processes per build")
for scheme in sorted({s for s, _ in figures}):
    a, b = figures[(scheme, "A")], figures[(scheme, "B")]
    print(f"  {scheme:16s} A {statistics.median(a):5.1f} %  B {statistics.median(b):5.1f} %   "
          f"(A {min(a):.1f}–{max(a):.1f}, B {min(b):.1f}–{max(b):.1f})")
PY
