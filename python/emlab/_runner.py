"""Finding and running the ``emlab`` executable.

Every call passes its arguments as a list (no shell), reads standard output,
and turns a non-zero exit into :class:`EMLabError` carrying EMLab's own
one-line message (``Error: …`` on standard error). Input arrays go through
a temporary file, written with ``repr`` so that every double reads back
exactly (the CmdStanPy pattern: the wrapper only calls the compiled tool).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator, Optional, Sequence

import numpy as np

BUILD_HINT = (
    "build it in the EMLab repository with `swift build -c release --product emlab` "
    "(it is then .build/release/emlab), and put it on PATH or set EMLAB_BIN to its path"
)


class EMLabError(RuntimeError):
    """A call to ``emlab`` that failed.

    ``message`` is EMLab's one-line message (without its ``Error:`` prefix),
    ``returncode`` the exit status, ``stderr`` all it printed there,
    ``stdout`` what it printed before failing (a degenerate fit's JSON),
    and ``command`` the argument list.
    """

    def __init__(self, message: str, returncode: Optional[int] = None, stderr: str = "",
                 stdout: str = "", command: Optional[Sequence[str]] = None):
        super().__init__(message)
        self.message = message
        self.returncode = returncode
        self.stderr = stderr
        self.stdout = stdout
        self.command = list(command) if command is not None else None


def _repository_build() -> Optional[Path]:
    """The release build of the EMLab repository this package sits in (or the
    working directory sits in), if there is one."""
    starts = [Path(__file__).resolve().parent, Path.cwd().resolve()]
    for start in starts:
        for folder in [start, *start.parents]:
            if (folder / "Package.swift").is_file() and (folder / "python" / "pyproject.toml").is_file():
                candidate = folder / ".build" / "release" / "emlab"
                if os.access(candidate, os.X_OK):
                    return candidate
                break
    return None


def find_executable() -> str:
    """The ``emlab`` to run: ``EMLAB_BIN``, then ``emlab`` on ``PATH``, then
    the repository's ``.build/release/emlab``.

    Raises:
        EMLabError: none is found (or ``EMLAB_BIN`` names no executable);
            the message says how to build it.
    """
    named = os.environ.get("EMLAB_BIN")
    if named:
        if os.path.isfile(named) and os.access(named, os.X_OK):
            return named
        raise EMLabError(f"EMLAB_BIN is {named!r}, which is not an executable file: {BUILD_HINT}")
    on_path = shutil.which("emlab")
    if on_path:
        return on_path
    built = _repository_build()
    if built is not None:
        return str(built)
    raise EMLabError(f"the emlab executable was not found (EMLAB_BIN unset, none on PATH, no repository build): {BUILD_HINT}")


def _one_line(stderr: str, returncode: int) -> str:
    """EMLab's message: its last ``Error: …`` line, else the last line it printed."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith("Error: "):
            return line[len("Error: "):]
    return lines[-1] if lines else f"emlab exited with status {returncode}"


def run(arguments: Sequence[str], *, cwd: Optional[str] = None, findings: Sequence[int] = ()) -> str:
    """Runs ``emlab ARGUMENTS`` and returns its standard output.

    ``findings`` lists exit statuses that are results, not errors (``emlab
    audit`` exits 3 when a step is not EM's).

    Raises:
        EMLabError: the executable is missing, or exits non-zero (and not with a finding's status).
    """
    command = [find_executable(), *[str(a) for a in arguments]]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    if completed.returncode != 0 and completed.returncode not in findings:
        raise EMLabError(_one_line(completed.stderr, completed.returncode), completed.returncode,
                         completed.stderr, completed.stdout, command)
    return completed.stdout


def run_json(arguments: Sequence[str], **kwargs) -> dict:
    """:func:`run`, its standard output read as one JSON object."""
    return json.loads(run(arguments, **kwargs))


def as_values(x, *, fitting: bool = False) -> np.ndarray:
    """X as scikit-learn accepts it for one feature: a 1-D array, or an
    (n, 1) array (a pandas Series or one-column DataFrame too).

    Raises:
        TypeError: X is sparse.
        ValueError: X is complex, holds a value that is not finite, has no
            samples or no features or more than one feature, or (``fitting``)
            a single sample — in scikit-learn's words where its checks look for them.
    """
    if hasattr(x, "toarray") and hasattr(x, "nnz"):
        raise TypeError("sparse input is not supported: EMLab reads dense one-dimensional data (use X.toarray())")
    values = np.asarray(x)
    if np.iscomplexobj(values):
        raise ValueError("Complex data not supported: EMLab fits real values")
    try:
        values = values.astype(float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"X must hold numbers: {error}") from None
    if values.ndim > 2:
        raise ValueError(f"X must be a 1-D array or an (n, 1) array; got {values.ndim} dimensions")
    if values.ndim == 0:
        values = values.reshape(1)
    if values.ndim == 2 and values.shape[1] == 0:
        raise ValueError(f"0 feature(s) (shape={values.shape}) while a minimum of 1 is required.")
    if values.shape[0] == 0:
        raise ValueError(f"0 sample(s) (shape={values.shape}) while a minimum of 1 is required.")
    if not np.all(np.isfinite(values)):
        raise ValueError("Input X contains NaN or infinity: EMLab fits finite values only")
    if fitting and values.shape[0] == 1:
        raise ValueError("n_samples=1: a mixture cannot be fitted to one sample")
    if values.ndim == 2:
        if values.shape[1] != 1:
            raise ValueError(f"EMLab fits one-dimensional mixtures: X has {values.shape[1]} features, expected 1")
        values = values[:, 0]
    return values


def number_list(values) -> str:
    """Numbers comma-separated, each in the shortest form that reads back exactly."""
    return ",".join(repr(float(v)) for v in np.ravel(np.asarray(values, dtype=float)))


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="emlab-") as folder:
        yield Path(folder)


def write_values(values: np.ndarray, path: Path) -> Path:
    """Writes one value per line (``repr``: the shortest text that reads back to the same double)."""
    path.write_text("".join(repr(float(v)) + "\n" for v in values))
    return path
