#!/usr/bin/env bash
# defaults.sh — EMLab against mclust at the defaults people use, side by side
# in one run (issue 22, "speed at the defaults"): model selection over K = 1…4
# with equal and unequal variances, and the bootstrap LRT with 99 samples, on
# Old Faithful's waiting times (272 values).
#
#     bash Benchmarks/defaults.sh [reps]      # from the repository's root; needs R with mclust
#
# Both are timed in-process, the work itself: mclust by Benchmarks/defaults.R,
# EMLab by emlab-benchmarks' section 9 (ModelSelection and BootstrapLRT with
# `emlab select`'s defaults). The whole `emlab select` processes are timed
# too, with `emlab --version` (the bare start-up) beside them.
set -euo pipefail
reps=${1:-21}
swift build -c release --product emlab >/dev/null
emlab=$(swift build -c release --show-bin-path)/emlab
data=$(mktemp -d)/faithful.txt
tail -n +2 Tests/Fixtures/faithful-waiting.txt > "$data"

median_of() {  # median wall seconds of a command run $1 times
  local n=$1; shift
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}
precise_median_of() {  # the same in milliseconds, from date's nanoseconds
  local n=$1; shift
  for _ in $(seq "$n"); do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
  done | sort -n | awk '{v[NR]=$1} END {printf "%.1f\n", v[int((NR+1)/2)] / 1000}'
}

read -r _ r_select r_model r_bic < <(Rscript Benchmarks/defaults.R "$reps" | grep mclust-select)
read -r _ r_lrt r_p < <(Rscript Benchmarks/defaults.R "$reps" | grep mclust-lrt)
(cd Benchmarks && swift build -c release >/dev/null)
in_process=$(Benchmarks/.build/release/emlab-benchmarks --sections 9 --faithful "$data" | grep '^emlab-')
e_select=$(echo "$in_process" | awk '$1 == "emlab-select" {print $2}')
e_noscreen=$(echo "$in_process" | awk '$1 == "emlab-select-no-screen" {print $2}')
e_lrt=$(echo "$in_process" | awk '$1 == "emlab-lrt" {print $2}')
startup=$(precise_median_of "$reps" "$emlab" --version)
select_ms=$(precise_median_of "$reps" "$emlab" select "$data" --components 1...4 --variance per-component,shared)
lrt_ms=$(precise_median_of $(( reps / 4 > 3 ? reps / 4 : 3 )) "$emlab" select "$data" --components 1...4 --variance per-component --bootstrap-lrt 99)

awk -v rs="$r_select" -v rl="$r_lrt" -v es="$e_select" -v ens="$e_noscreen" -v el="$e_lrt" -v su="$startup" -v s="$select_ms" -v l="$lrt_ms" 'BEGIN {
  printf "| task | EMLab in-process (ms) | mclust in-process (ms) | EMLab / mclust | whole emlab process (ms) |\n|---|---|---|---|---|\n"
  printf "| select, K = 1…4, E and V (EMLab: 10 starts, screened) | %.2f | %.2f | %.2f | %.1f |\n", es, rs * 1000, es / (rs * 1000), s
  printf "| the same, --no-screen (every start to 1e-8) | %.2f | %.2f | %.2f | |\n", ens, rs * 1000, ens / (rs * 1000)
  printf "| bootstrap LRT, 99 samples, V, up to 3 vs 4 (EMLab: with its selection) | %.2f | %.2f | %.2f | %.1f |\n", el, rl * 1000, el / (rl * 1000), l
  printf "\nemlab --version (the bare process): %.1f ms\n", su
}'
echo "mclust chose $r_model (BIC $r_bic); its LRT p-values $r_p"
"$emlab" select "$data" --components 1...4 --variance per-component,shared --format json | python3 -c '
import json, sys
bic = json.load(sys.stdin)["selected"]["bic"]
print("EMLab chose K = %d, %s variance (mclust BIC %.6f)" % (bic["components"], bic["variance"], -bic["value"]))
'
