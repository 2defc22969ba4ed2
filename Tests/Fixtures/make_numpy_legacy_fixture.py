#!/usr/bin/env python3
"""Write Tests/Fixtures/numpy-legacy.json: NumPy's legacy np.random streams.

Run from the repository root:

    python3 Tests/Fixtures/make_numpy_legacy_fixture.py

The file records what NumPy's legacy global stream (np.random.seed(s), i.e. a
RandomState on MT19937) returns for a set of calls, so that EMLab's
NumPyLegacyStream can be checked bit for bit. Each entry of "sequences" is drawn
from a fresh np.random.seed(s); each "interleaved" list is drawn from one stream
seeded once, call after call. "document003" replays the data generation of
/work/shared/seeds/003_06bc83c7c1e9d3d6.txt.

Every sequence names its call as NumPy code ("call") and in a form the Swift
test can dispatch on ("method" and "args"). Doubles are written with Python's
repr (shortest string that round-trips), so they parse back to the same bits.
The output depends only on the NumPy version: running the script twice gives
the same file.
"""

import json
import os
import sys

import numpy as np

SEEDS = [0, 1, 42, 123456789]
CHOICE_VALUES = [float(v) for v in range(50)]

# (method, args) pairs; args use NumPy's argument names.
FRESH = [
    ("random_sample", {"size": 7}),
    ("randn", {"size": 9}),  # odd: leaves a cached gauss
    ("normal", {"loc": -2.5, "scale": 2.0, "size": 5}),
    ("binomial", {"n": 1, "p": 0.4, "size": 40}),
    ("binomial", {"n": 10, "p": 0.3, "size": 20}),
    ("binomial", {"n": 50, "p": 0.5, "size": 5}),  # n*p = 25: still inversion
    ("binomial", {"n": 100, "p": 0.9, "size": 5}),  # p > 0.5: n - inversion(n, 0.1)
    ("binomial", {"n": 100, "p": 0.5, "size": 5}),  # n*p = 50: BTPE
    ("binomial", {"n": 200, "p": 0.8, "size": 5}),  # p > 0.5: n - BTPE(n, 0.2)
    ("binomial", {"n": 100000, "p": 0.4, "size": 10}),  # BTPE, mostly its Stirling step
    ("rand", {"size": 4}),
    ("choice", {"a": "range50", "size": 3}),
    ("randint", {"low": 0, "high": 50, "size": 5}),
    ("randint", {"low": 0, "high": 2 ** 40, "size": 3}),  # 64-bit masked path
]

INTERLEAVED = [
    ("rand", {"size": 1}),
    ("randn", {"size": 1}),  # caches the second polar value...
    ("binomial", {"n": 1, "p": 0.4, "size": 3}),  # ...which survives other calls
    ("randn", {"size": 2}),  # first value is the cached one
    ("random_sample", {"size": 2}),
    ("choice", {"a": "range50", "size": 2}),
    ("normal", {"loc": 3.5, "scale": 2.0, "size": 3}),
    ("randint", {"low": 0, "high": 1, "size": 2}),  # high - low == 1: no draws
    ("binomial", {"n": 100, "p": 0.5, "size": 2}),
    ("randn", {"size": 1}),
    ("rand", {"size": 1}),
]


def call_text(method, args):
    if method == "choice":
        return "np.random.choice([float(v) for v in range(50)], %d)" % args["size"]
    if method == "randint":
        return "np.random.randint(%d, %d, %d)" % (args["low"], args["high"], args["size"])
    if method == "normal":
        return "np.random.normal(%r, %r, %d)" % (args["loc"], args["scale"], args["size"])
    if method == "binomial":
        return "np.random.binomial(%d, %r, %d)" % (args["n"], args["p"], args["size"])
    return "np.random.%s(%d)" % (method, args["size"])


def draw(method, args):
    size = args["size"]
    if method == "random_sample":
        out = np.random.random_sample(size)
    elif method == "rand":
        out = np.random.rand(size)
    elif method == "randn":
        out = np.random.randn(size)
    elif method == "normal":
        out = np.random.normal(args["loc"], args["scale"], size)
    elif method == "binomial":
        out = np.random.binomial(args["n"], args["p"], size)
    elif method == "choice":
        out = np.random.choice(CHOICE_VALUES, size)
    elif method == "randint":
        out = np.random.randint(args["low"], args["high"], size)
    else:
        raise ValueError(method)
    return [v.item() for v in out]


def entry(method, args):
    return {"call": call_text(method, args), "method": method, "args": args,
            "values": draw(method, args)}


def document003():
    # The notebook: `np.random.seed(42)` in the imports cell, then
    #   mu_1 = -2.5; sigma_square_1 = 4.; sigma_1 = np.sqrt(sigma_square_1)
    #   mu_2 = 3.5;  sigma_square_2 = 4.; sigma_2 = np.sqrt(sigma_square_2)
    #   prob_1 = 0.4; size = 40
    #   z = np.random.binomial(1, prob_1, size)
    #   x_1 = np.random.normal(loc=mu_1, scale=sigma_1, size=size)
    #   x_2 = np.random.normal(loc=mu_2, scale=sigma_2, size=size)
    #   x = z * x_1 + (1-z) * x_2
    np.random.seed(42)
    sigma_1 = np.sqrt(4.0)
    sigma_2 = np.sqrt(4.0)
    z = np.random.binomial(1, 0.4, 40)
    x_1 = np.random.normal(loc=-2.5, scale=sigma_1, size=40)
    x_2 = np.random.normal(loc=3.5, scale=sigma_2, size=40)
    x = z * x_1 + (1 - z) * x_2
    return {
        "source": "/work/shared/seeds/003_06bc83c7c1e9d3d6.txt",
        "seed": 42,
        "note": (
            "Follows the notebook exactly: np.random.seed(42) is called once in the imports "
            "cell, and the first draws after it are get_data()'s, in this order: "
            "z = np.random.binomial(1, prob_1, size) with prob_1 = 0.4, size = 40; "
            "x_1 = np.random.normal(loc=mu_1, scale=sigma_1, size=size); "
            "x_2 = np.random.normal(loc=mu_2, scale=sigma_2, size=size); "
            "x = z * x_1 + (1-z) * x_2. mu_1 = -2.5, mu_2 = 3.5; scale is the standard "
            "deviation sigma = np.sqrt(4.) = 2.0 (the notebook states variances 4.). "
            "x_1 and x_2 are drawn in full (40 each) for every point, and only one of "
            "each pair is kept, so z == 1 selects x_1 (component 1, weight 0.4). "
            "get_data returns (z, x) only; the notebook then reuses the names x_1, x_2 "
            "for x[z==1] and x[1-z==1], which are not the arrays stored here."
        ),
        "calls": [
            "np.random.seed(42)",
            "z = np.random.binomial(1, 0.4, 40)",
            "x_1 = np.random.normal(loc=-2.5, scale=np.sqrt(4.), size=40)",
            "x_2 = np.random.normal(loc=3.5, scale=np.sqrt(4.), size=40)",
            "x = z * x_1 + (1 - z) * x_2",
        ],
        "sigma": float(sigma_1),
        "z": [v.item() for v in z],
        "x_1": [v.item() for v in x_1],
        "x_2": [v.item() for v in x_2],
        "x": [v.item() for v in x],
    }


def build():
    seeds = []
    for s in SEEDS:
        sequences = []
        for method, args in FRESH:
            np.random.seed(s)
            sequences.append(entry(method, args))
        np.random.seed(s)
        interleaved = [entry(method, args) for method, args in INTERLEAVED]
        seeds.append({"seed": s, "sequences": sequences, "interleaved": interleaved})
    return {
        "description": (
            "NumPy legacy np.random (RandomState / np.random.seed, MT19937) outputs. "
            "Each entry of 'sequences' is drawn right after a fresh np.random.seed(seed); "
            "'interleaved' is one stream seeded once, its calls made in order. "
            "choice draws from [float(v) for v in range(50)] ('a': 'range50')."
        ),
        "generator": "Tests/Fixtures/make_numpy_legacy_fixture.py",
        "numpy": np.__version__,
        "python": "%d.%d.%d" % sys.version_info[:3],
        "seeds": seeds,
        "document003": document003(),
    }


def dump(value, indent=0):
    """JSON with one line per array or object of scalars; doubles by repr."""
    pad = " " * indent
    if isinstance(value, dict) and not any(isinstance(v, (dict, list)) for v in value.values()):
        return "{" + ", ".join("%s: %s" % (json.dumps(k), dump(v)) for k, v in value.items()) + "}"
    if isinstance(value, dict):
        items = ["%s %s: %s" % (pad, json.dumps(k), dump(v, indent + 1)) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [pad + " " + dump(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value)  # json.dumps uses float.__repr__ too
    return json.dumps(value)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "numpy-legacy.json")
    text = dump(build()) + "\n"
    json.loads(text)  # well-formed
    with open(path, "w") as f:
        f.write(text)
    print("wrote %s (numpy %s)" % (path, np.__version__))


if __name__ == "__main__":
    main()
