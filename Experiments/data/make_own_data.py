#!/usr/bin/env python3
"""Writes own-data.csv: 20 data sets of 150 values in long format, as pandas'
df.to_csv(index=False) writes a long data frame (columns dataset, x) — the
stand-in for a user's own data sets in Experiments/own-data.toml. Each set
mixes two unit-variance groups (weight 0.4 at 0, 0.6 at delta) with delta
from 1 to 4.8, so the sets range from overlapping to well separated.
Standard library only; the same bytes every run.

    python3 Experiments/data/make_own_data.py
"""
import os
import random

random.seed(2025)
lines = ["dataset,x"]
for d in range(20):
    delta = 1 + 0.2 * d
    for _ in range(150):
        mean = 0.0 if random.random() < 0.4 else delta
        lines.append(f"sep{delta:.1f},{random.gauss(mean, 1):.6f}")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "own-data.csv"), "w") as f:
    f.write("\n".join(lines) + "\n")
