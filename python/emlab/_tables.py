"""Tables from EMLab's CSV text: a pandas DataFrame when pandas is installed,
else a dict of NumPy arrays (numbers where a column is numeric)."""

from __future__ import annotations

import csv
import io

import numpy as np


def table(text: str):
    """The CSV text as a DataFrame (pandas) or a dict of column arrays."""
    try:
        import pandas as pd
        return pd.read_csv(io.StringIO(text))
    except ImportError:
        pass
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return {}
    header, body = rows[0], rows[1:]
    columns = {}
    for j, name in enumerate(header):
        cells = [row[j] if j < len(row) else "" for row in body]
        try:
            columns[name] = np.array([float(c) if c not in ("", "NA") else np.nan for c in cells])
        except ValueError:
            columns[name] = np.array(cells, dtype=object)
    return columns


def records(rows: list):
    """A list of dicts as a DataFrame (pandas) or a dict of column arrays."""
    try:
        import pandas as pd
        return pd.DataFrame(rows)
    except ImportError:
        pass
    names = list(rows[0]) if rows else []
    return {name: np.array([row.get(name) for row in rows]) for name in names}
