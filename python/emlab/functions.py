"""The other subcommands as functions: ``theory``, ``select``, ``sample``, ``run_study``, ``audit``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Optional, Sequence, Union

import numpy as np

from . import _runner
from ._runner import EMLabError, as_values, number_list, scratch, write_values
from ._tables import records, table


def theory(weights, means, sds, *, variance: str = "per-component", fixed_weights: bool = False,
           n: Optional[int] = None, stop: Optional[str] = None, tol: Optional[float] = None,
           start_means=None, start_sds=None, start_weights=None) -> dict:
    """How fast EM should converge on a true mixture (``emlab theory --format json``): the
    information per observation, the rate matrix's eigenvalues and rate λ, and with ``n``
    the standard errors and iterations to expect. Returns the JSON object as a dict."""
    arguments = ["theory", "--weights", number_list(weights), "--means", number_list(means),
                 "--sds", number_list(sds), "--variance", variance, "--format", "json"]
    if fixed_weights:
        arguments.append("--fixed-weights")
    if n is not None:
        arguments += ["-n", str(int(n))]
    if stop is not None:
        arguments += ["--stop", stop]
    if tol is not None:
        arguments += ["--tol", repr(float(tol))]
    for name, value in (("--start-means", start_means), ("--start-sds", start_sds), ("--start-weights", start_weights)):
        if value is not None:
            arguments += [name, number_list(value)]
    return _runner.run_json(arguments)


def select(x, components: Union[str, Sequence[int]] = "1...6", *, variance: Union[str, Sequence[str]] = "per-component,shared",
           starts: int = 10, init: str = "quantile", bootstrap_lrt: int = 0, tol: float = 1e-8,
           max_iterations: int = 5000):
    """AIC, BIC and ICL of every K and variance model (``emlab select --format json``): one
    row per model (a DataFrame with pandas, else a dict of arrays), lower is better.
    The whole JSON object is the result's ``attrs["emlab"]`` (DataFrame) or key ``"emlab"``."""
    values = as_values(x)
    if not isinstance(components, str):
        components = ",".join(str(int(k)) for k in components)
    if not isinstance(variance, str):
        variance = ",".join(variance)
    with scratch() as folder:
        data = write_values(values, folder / "data.txt")
        report = _runner.run_json(["select", str(data), "--components", components, "--variance", variance,
                                   "--starts", str(int(starts)), "--init", init, "--bootstrap-lrt", str(int(bootstrap_lrt)),
                                   "--tol", repr(float(tol)), "--max-iterations", str(int(max_iterations)), "--format", "json"])
    result = records(report["models"])
    if hasattr(result, "attrs"):
        result.attrs["emlab"] = report
    else:
        result["emlab"] = report
    return result


def sample(n: Optional[int] = None, weights=None, means=None, sds=None, *, seed: Optional[int] = None, preset: Optional[str] = None,
           sampler: Optional[str] = None, stream: Optional[str] = None, labels: bool = False):
    """Draws values (``emlab sample``): from a mixture, or a document's ``preset`` (doc000 … doc003).

    ``seed`` is EMLab's ``--seed`` (None: 1, or the preset's own, as the command line's default).

    Returns:
        the values as an array; with ``labels=True`` also the 0-based component of each
        (-1 where the sampler has none).
    """
    arguments = ["sample"] + ([] if seed is None else ["--seed", str(int(seed))])
    if preset is not None:
        arguments += ["--preset", preset]
    for name, value in (("--weights", weights), ("--means", means), ("--sds", sds)):
        if value is not None:
            arguments += [name, number_list(value)]
    if n is not None:
        arguments += ["-n", str(int(n))]
    if sampler is not None:
        arguments += ["--sampler", sampler]
    if stream is not None:
        arguments += ["--stream", stream]
    if labels:
        arguments.append("--labels")
    rows = [line.split(",") for line in _runner.run(arguments).splitlines()[1:]]
    values = np.array([float(row[0]) for row in rows])
    if not labels:
        return values
    return values, np.array([int(row[1]) - 1 if len(row) > 1 and row[1] else -1 for row in rows])


_PROGRESS = re.compile(r"(\d+)/(\d+) units")


def run_study(toml_path, output, *, jobs: Optional[int] = None, overwrite: bool = False, plots: bool = True,
              progress: Optional[bool] = None) -> SimpleNamespace:
    """Runs an experiment (``emlab run TOML --output OUTPUT``) and reads what it wrote.

    Returns:
        a namespace with ``runs`` and ``summary`` (DataFrames with pandas, else dicts of
        arrays) and ``output``, the folder. A progress bar is drawn when tqdm is installed
        (``progress=False``: none).

    Raises:
        EMLabError: EMLab's one line (a bad experiment names its file, line and value).
    """
    arguments = [_runner.find_executable(), "run", str(toml_path), "--output", str(output)]
    if jobs is not None:
        arguments += ["--jobs", str(int(jobs))]
    if overwrite:
        arguments.append("--overwrite")
    if not plots:
        arguments.append("--no-plots")
    bar = None
    if progress is not False:
        try:
            from tqdm.auto import tqdm
            bar = tqdm(total=0, unit="unit", desc=Path(str(toml_path)).stem)
        except ImportError:
            bar = None
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stderr_lines = []
    # Progress lines end in a carriage return; read stderr a piece at a time so the bar moves as they come.
    buffer = ""
    while True:
        chunk = process.stderr.read(256)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = re.split(r"[\r\n]", buffer)
        for line in lines:
            match = _PROGRESS.search(line)
            if match and bar is not None:
                bar.total = int(match.group(2))
                bar.n = int(match.group(1))
                bar.refresh()
            elif line.strip() and not match:
                stderr_lines.append(line)
    if buffer.strip():
        stderr_lines.append(buffer)
    stdout = process.stdout.read()
    status = process.wait()
    if bar is not None:
        bar.close()
    if status != 0:
        text = "\n".join(stderr_lines)
        raise EMLabError(_runner._one_line(text, status), status, text, stdout, arguments)
    folder = Path(str(output))
    return SimpleNamespace(runs=table((folder / "runs.csv").read_text()), summary=table((folder / "summary.csv").read_text()),
                           output=folder, message=stdout.strip())


def audit(x, trace=None, *, weights=None, means=None, sds=None, log_likelihood=None, variance: str = "per-component",
          fixed_weights: bool = False, tol: Optional[float] = None, variance_floor: Optional[float] = None,
          preset: Optional[str] = None) -> dict:
    """Checks a run of anyone's EM, step by step, against EM's exact step (``emlab audit --format json``).

    The trace is one row per iteration, the start first: a pandas DataFrame or a
    dict with EMLab's ``--trace`` columns (``weight1..K``, ``mean1..K``, ``sd1..K``,
    optionally ``logLikelihood``; the aliases ``pi``/``mu``/``sigma``/``var`` too),
    or arrays ``weights``, ``means`` and ``sds`` of shape (iterations, K) and an
    optional ``log_likelihood`` of shape (iterations,). ``variance`` is the
    declared model ('per-component', 'shared' or 'known=SD'). With ``preset``
    ('doc000' … 'doc003') the document's own estimator is audited instead.

    Returns:
        EMLab's verdict as a dict: ``isEM``, ``firstDeviation`` (``iteration``,
        ``parameter``, ``expected``, ``actual``) or None, ``defect`` and
        ``defectExplanation``, ``logLikelihoodMonotone``, ``logLikelihoodColumn``
        and the per-step ``steps``. A run that is not EM is a result here, not
        an error (the command's exit status 3).

    Raises:
        EMLabError: EMLab's one line for a bad trace (its row and column) or bad data.
    """
    if preset is not None:
        return _runner.run_json(["audit", "--preset", preset, "--format", "json"], findings=(3,))
    columns = _trace_columns(trace, weights, means, sds, log_likelihood)
    with scratch() as folder:
        data = write_values(as_values(x), folder / "data.txt")
        path = folder / "trace.csv"
        names = list(columns)
        rows = len(columns[names[0]])
        with open(path, "w") as handle:
            handle.write(",".join(names) + "\n")
            for i in range(rows):
                handle.write(",".join(repr(float(columns[name][i])) for name in names) + "\n")
        arguments = ["audit", str(data), "--trace", str(path), "--variance", variance,
                     "--weights", "fixed" if fixed_weights else "free", "--format", "json"]
        if tol is not None:
            arguments += ["--tol", repr(float(tol))]
        if variance_floor is not None:
            arguments += ["--variance-floor", repr(float(variance_floor))]
        return _runner.run_json(arguments, findings=(3,))


def _trace_columns(trace, weights, means, sds, log_likelihood) -> dict:
    """The trace as named columns of equal length, from a DataFrame, a dict or three (iterations, K) arrays."""
    if trace is not None:
        if hasattr(trace, "columns"):
            return {str(name): np.asarray(trace[name], dtype=float) for name in trace.columns}
        return {str(name): np.asarray(values, dtype=float) for name, values in dict(trace).items()}
    if weights is None or means is None or sds is None:
        raise ValueError("audit needs a trace (a DataFrame or a dict of columns), or weights, means and sds arrays")
    blocks = {"weight": np.atleast_2d(np.asarray(weights, dtype=float)),
              "mean": np.atleast_2d(np.asarray(means, dtype=float)),
              "sd": np.atleast_2d(np.asarray(sds, dtype=float))}
    shapes = {block.shape for block in blocks.values()}
    if len(shapes) != 1:
        raise ValueError(f"weights, means and sds must have the same shape (iterations, K); got {sorted(shapes)}")
    rows = blocks["weight"].shape[0]
    columns = {"iteration": np.arange(rows, dtype=float)}
    if log_likelihood is not None:
        columns["logLikelihood"] = np.asarray(log_likelihood, dtype=float)
        if len(columns["logLikelihood"]) != rows:
            raise ValueError(f"log_likelihood has {len(columns['logLikelihood'])} values for {rows} rows")
    for name, block in blocks.items():
        for j in range(block.shape[1]):
            columns[f"{name}{j + 1}"] = block[:, j]
    return columns
