#!/usr/bin/env bash
# Studies over the user's own data sets (issue 25), side by side in one run:
# 2,000 data sets of 1,000 values fitted once each (K = 2, quantile start),
#   drawn   — the study draws them itself (latent sampler), the yardstick;
#   long    — one long CSV (dataset,x), as pandas writes it;
#   glob    — 2,000 files, one data set each;
#   inline  — the same values inline in the TOML (2,000 truths of data = [...]).
# Usage: Benchmarks/datasets.sh [path/to/emlab] [rounds]   (from the repository root)
set -euo pipefail
EMLAB=${1:-.build/release/emlab}
ROUNDS=${2:-3}
EMLAB=$(cd "$(dirname "$EMLAB")" && pwd)/$(basename "$EMLAB")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
python3 - <<'PY'
import random
random.seed(25)
sets = []
for d in range(2000):
    sets.append([random.gauss(0 if random.random() < 0.4 else 3, 1) for _ in range(1000)])
with open("long.csv", "w") as f:
    f.write("dataset,x\n")
    for d, values in enumerate(sets):
        f.writelines(f"d{d:04d},{v!r}\n" for v in values)
import os
os.mkdir("sets")
for d, values in enumerate(sets):
    with open(f"sets/d{d:04d}.csv", "w") as f:
        f.write("value\n" + "".join(f"{v!r}\n" for v in values))
common = 'seed = 25\nreplicates = 1\nstarts = 1\ntraces = 0\n[estimators.em]\ncomponents = 2\n'
def design(truths, sampler, n=1000):
    return f'[[design]]\ntruth = [{", ".join(chr(34) + t + chr(34) for t in truths)}]\nsampler = ["{sampler}"]\nn = [{n}]\nestimator = ["em"]\n'
open("drawn.toml", "w").write('name = "drawn"\n' + common.replace("replicates = 1", "replicates = 2000")
    + "[truths.m]\nweights = [0.4, 0.6]\nmeans = [0, 3]\nsds = [1, 1]\n" + design(["m"], "latent"))
open("long.toml", "w").write('name = "long"\n' + common + '[truths.mine]\ndata = "long.csv"\nvalue_column = "x"\n' + design(["mine"], "fixed"))
open("glob.toml", "w").write('name = "glob"\n' + common + '[truths.mine]\ndata = "sets/*.csv"\n' + design(["mine"], "fixed"))
with open("inline.toml", "w") as f:
    f.write('name = "inline"\n' + common)
    for d, values in enumerate(sets):
        f.write(f"[truths.d{d:04d}]\ndata = [{', '.join(repr(v) for v in values)}]\n")
    f.write(design([f"d{d:04d}" for d in range(2000)], "fixed"))
PY
echo "| study | round | wall s | max RSS MB |"
echo "|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  for study in drawn long glob inline; do
    rm -rf "out-$study"
    /usr/bin/time -f "%e %M" -o t.txt "$EMLAB" run "$study.toml" --output "out-$study" --jobs 2 --quiet --no-plots
    read -r wall rss < t.txt
    echo "| $study | $round | $wall | $((rss / 1024)) |"
  done
done
cmp <(cut -d, -f7- out-long/runs.csv | sed 's/,[^,]*$//') <(cut -d, -f7- out-glob/runs.csv | sed 's/,[^,]*$//') && echo "long and glob: the same fits"
