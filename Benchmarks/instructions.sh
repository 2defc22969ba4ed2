#!/bin/bash
# Each accelerator's bookkeeping counted in instructions, not timed: the
# instructions per E-step pass outside the E-step kernel, over plain EM's,
# in section 8's fit (Δ = 1, n = 1000, K = 2 unless given), counted by
# valgrind's callgrind. The count is the same in every run, so a change of a
# few instructions per pass shows, where the timings of section 8 move by a
# point from process to process. It is a proxy, not a time: an instruction
# of the kernel's vector loop does more work than one of the bookkeeping's
# scalar code, and latency is not counted. Valgrind runs the AVX2 kernels
# (it has no AVX-512), so the kernel's count is that level's.
#
#   ./instructions.sh                       every scheme against EM
#   ./instructions.sh daarem anderson       some schemes
#   FUNCTIONS=12 ./instructions.sh daarem   and each scheme's 12 costliest functions
#   BINARY=/path/emlab-benchmarks ./instructions.sh ...   a given build (A/B)
#   GAP=2.5 COUNT=1000 COMPONENTS=5 FITS=100 ./instructions.sh   another cell
set -euo pipefail
cd "$(dirname "$0")"
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
if [ -z "${BINARY:-}" ]; then
    swift build -c release --product emlab-benchmarks >&2
    BINARY=.build/release/emlab-benchmarks
fi
schemes=("$@")
[ ${#schemes[@]} -gt 0 ] || schemes=(squarem anderson daarem qn pem)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Valgrind cannot read the Swift toolchain's DWARF; the symbol table is enough.
strip --strip-debug -o "$work/bench" "$BINARY"
count() {
    valgrind --tool=callgrind --callgrind-out-file="$work/$1.cg" --toggle-collect='*profileScheme*' \
        "$work/bench" --sections 0 --profile "$1" --fits "${FITS:-200}" \
        --gap "${GAP:-1}" --count "${COUNT:-1000}" --components "${COMPONENTS:-2}" >/dev/null 2>"$work/$1.log" \
        || { cat "$work/$1.log" >&2; exit 1; }
}
count em
for s in "${schemes[@]}"; do count "$s"; done
python3 - "$work" "${FUNCTIONS:-0}" em "${schemes[@]}" <<'PY'
import collections, re, sys
work, functions, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def read(scheme):
    """Self instructions per function and calls per function, from a callgrind file."""
    symbols, own, calls = {}, collections.Counter(), collections.Counter()
    function = callee = None
    after_calls = False
    for line in open(f"{work}/{scheme}.cg"):
        m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line)
        if m:
            kind, key, name = m.groups()
            if name: symbols[key] = name.strip()
            if kind == "fn": function = key
            else: callee = key
            continue
        m = re.match(r"calls=(\d+)", line)
        if m:
            calls[callee] += int(m.group(1)); after_calls = True; continue
        m = re.match(r"^(?:[+-]?\d+|\*) (\d+)", line)
        if m:
            if after_calls: after_calls = False   # the call's inclusive cost, not the caller's own
            else: own[function] += int(m.group(1))
    kernel = [k for k in own if symbols.get(k, "").startswith("estep_")]
    passes = sum(calls[k] for k in kernel)
    inside = sum(own[k] for k in kernel)
    outside = sum(own.values()) - inside
    top = sorted(((v / passes, symbols.get(k, k)) for k, v in own.items() if k not in kernel), reverse=True)
    return passes, inside / passes, outside / passes, top

rows = {s: read(s) for s in names}
em_out, em_kernel = rows["em"][2], rows["em"][1]
print("| scheme | E-step passes | kernel instructions / pass | other instructions / pass | over EM's | over the kernel's |")
print("|---|---|---|---|---|---|")
for s in names:
    passes, kernel, outside, _ = rows[s]
    extra = outside - em_out
    print(f"| {s} | {passes} | {kernel:.0f} | {outside:.0f} | {extra:+.0f} | {100 * extra / em_kernel:.1f} % |")
for s in names[1:] if functions else []:
    print(f"\n{s}: the {functions} costliest functions outside the kernel, instructions / pass")
    for v, n in rows[s][3][:functions]:
        print(f"  {v:7.1f}  {n[:120]}")
PY
