"""``emlab.GaussianMixture``: scikit-learn's estimator, fitted by ``emlab fit``.

The names are scikit-learn's (``sklearn.mixture.GaussianMixture``) wherever
they mean the same thing, so ``from emlab import GaussianMixture`` can stand
in for ``from sklearn.mixture import GaussianMixture``; EMLab's own
arguments and results (the stopping rule, acceleration, the convergence
rate, standard errors, failure flags, every start and the trace) come beside
them. Fitting runs ``emlab fit … --format json --save model.json``; scoring
new data runs ``emlab score model.json X --format json``.
"""

from __future__ import annotations

import html
import inspect
import json
from typing import Optional

import numpy as np

from . import _runner
from ._runner import EMLabError, as_values, number_list, scratch, write_values
from ._tables import records, table

# scikit-learn's init_params, as EMLab's --init names them; EMLab's own names pass through.
_INIT_NAMES = {"kmeans": "kmeans", "k-means++": "kmeans++", "random": "random-responsibilities",
               "random_from_data": "data-points"}
# scikit-learn's covariance types in one dimension, as EMLab's variance models.
_COVARIANCE_VARIANCE = {"full": "per-component", "diag": "per-component", "spherical": "per-component",
                        "tied": "shared"}


class SVG(str):
    """SVG text that a notebook shows as a picture."""

    def _repr_svg_(self) -> str:
        return str(self)


class GaussianMixture:
    """A one-dimensional Gaussian mixture fitted by EM (``emlab fit``).

    scikit-learn's arguments: ``n_components``, ``covariance_type`` ('full',
    'diag' and 'spherical' are per-component variances in one dimension,
    'tied' a shared one), ``tol``, ``reg_covar`` (0 only: use
    ``variance_floor``), ``max_iter``, ``n_init`` (EMLab's ``--starts``: the
    best start that did not collapse is kept), ``init_params`` ('kmeans',
    'k-means++', 'random', 'random_from_data', or EMLab's own: 'quantile',
    'data-points', 'uniform', 'random-responsibilities', 'small-em', 'far'),
    ``weights_init``, ``means_init``, ``precisions_init``, ``random_state``
    (an int, EMLab's ``--seed``; None is seed 1: EMLab is deterministic).

    ``tol`` is the tolerance of EMLab's stopping rule ``stop``: with the
    default 'loglik' it bounds the change of the total log-likelihood ℓ,
    where scikit-learn bounds the change of ℓ/n.

    EMLab's own: ``variance`` ('per-component', 'shared' or 'known', which
    overrides ``covariance_type``) with ``known_sd``; ``fixed_weights``;
    ``stop`` ('loglik', 'relative-loglik', 'mclust', 'aitken',
    'mean-change', 'parameter-change'); ``accelerate`` ('none', 'squarem', …);
    ``variance_floor`` and ``variance_floor_relative``; ``restarts``;
    ``level`` (of the Wald intervals); ``bootstrap`` (B refits).
    The remedies for collapsed variances: ``prior='mclust'`` (MAP-EM under
    mclust's default conjugate prior), ``variance_ratio=C`` (max σ²/min σ² ≤ C,
    Hathaway's constraint) and ``penalty='chen-tan'`` (Chen, Tan & Zhang's
    penalised likelihood); ``accelerate`` also takes 'anderson', 'daarem',
    'qn' and 'pem' (without a remedy).
    """

    def __init__(self, n_components: int = 1, *, covariance_type: str = "full", tol: float = 1e-8,
                 reg_covar: float = 0.0, max_iter: int = 1000, n_init: int = 1, init_params: str = "quantile",
                 weights_init=None, means_init=None, precisions_init=None, random_state: Optional[int] = None,
                 variance: Optional[str] = None, known_sd: Optional[float] = None, fixed_weights: bool = False,
                 stop: str = "loglik", accelerate: str = "none", variance_floor: float = 0.0,
                 variance_floor_relative: float = 0.0, restarts: int = 0, level: float = 0.95, bootstrap: int = 0,
                 prior: Optional[str] = None, variance_ratio: Optional[float] = None, penalty: Optional[str] = None):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state
        self.variance = variance
        self.known_sd = known_sd
        self.fixed_weights = fixed_weights
        self.stop = stop
        self.accelerate = accelerate
        self.variance_floor = variance_floor
        self.variance_floor_relative = variance_floor_relative
        self.restarts = restarts
        self.prior = prior
        self.variance_ratio = variance_ratio
        self.penalty = penalty
        self.level = level
        self.bootstrap = bootstrap

    # scikit-learn's parameter protocol (BaseEstimator's, without depending on scikit-learn).

    @classmethod
    def _get_param_names(cls):
        return sorted(p.name for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self")

    def get_params(self, deep: bool = True) -> dict:
        """The constructor's arguments, by name (scikit-learn's ``get_params``)."""
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params) -> "GaussianMixture":
        """Sets constructor arguments by name; returns self (scikit-learn's ``set_params``)."""
        valid = set(self._get_param_names())
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"Invalid parameter {name!r} for estimator {type(self).__name__}. "
                                 f"Valid parameters are: {sorted(valid)!r}.")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = {p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()
                    if p.name != "self"}
        changed = [f"{name}={getattr(self, name)!r}" for name in self._get_param_names()
                   if not _same(getattr(self, name), defaults[name])]
        return f"{type(self).__name__}({', '.join(changed)})"

    # The command line a fit runs.

    @property
    def _variance_model(self) -> str:
        if self.variance is not None:
            if self.variance == "known":
                if self.known_sd is None:
                    raise ValueError("variance='known' needs known_sd, the components' known standard deviation")
                return f"known={float(self.known_sd)!r}"
            if self.variance not in ("per-component", "shared"):
                raise ValueError(f"variance must be 'per-component', 'shared' or 'known'; got {self.variance!r}")
            return self.variance
        if self.covariance_type not in _COVARIANCE_VARIANCE:
            raise ValueError(f"covariance_type must be one of {sorted(_COVARIANCE_VARIANCE)}; got {self.covariance_type!r}")
        return _COVARIANCE_VARIANCE[self.covariance_type]

    def _initial_sds(self) -> Optional[np.ndarray]:
        """``precisions_init`` (any of scikit-learn's 1-D shapes) as standard deviations, one per component."""
        if self.precisions_init is None:
            return None
        precisions = np.ravel(np.asarray(self.precisions_init, dtype=float))
        if precisions.size == 1:
            precisions = np.repeat(precisions, self.n_components)
        if precisions.size != self.n_components or not np.all(precisions > 0):
            raise ValueError(f"precisions_init must hold {self.n_components} positive precisions (or one, tied)")
        return 1 / np.sqrt(precisions)

    def _fit_arguments(self, path: str) -> list:
        if self.reg_covar != 0:
            raise ValueError("reg_covar adds to every variance at every step, which EMLab does not do: "
                             "use variance_floor (a lower bound on every variance) and reg_covar=0")
        seed = 1 if self.random_state is None else self.random_state
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"random_state must be None or an int ≥ 0 (EMLab's --seed); got {self.random_state!r}")
        arguments = [
            "fit", path, "-k", str(int(self.n_components)), "--variance", self._variance_model,
            "--weights", "fixed" if self.fixed_weights else "free", "--stop", self.stop,
            "--tol", repr(float(self.tol)), "--max-iterations", str(int(self.max_iter)),
            "--init", _INIT_NAMES.get(self.init_params, self.init_params), "--seed", str(int(seed)),
            "--accelerate", self.accelerate, "--variance-floor", repr(float(self.variance_floor)),
            "--variance-floor-relative", repr(float(self.variance_floor_relative)),
            "--level", repr(float(self.level)), "--format", "json",
        ]
        if self.n_init != 1:
            arguments += ["--starts", str(int(self.n_init))]
        if self.restarts:
            arguments += ["--restarts", str(int(self.restarts))]
        if self.prior is not None:
            arguments += ["--prior", str(self.prior)]
        if self.variance_ratio is not None:
            arguments += ["--variance-ratio", repr(float(self.variance_ratio))]
        if self.penalty is not None:
            arguments += ["--penalty", str(self.penalty)]
        if self.bootstrap:
            arguments += ["--bootstrap", str(int(self.bootstrap))]
        if self.weights_init is not None:
            arguments += ["--init-weights", number_list(self.weights_init)]
        if self.means_init is not None:
            arguments += ["--init-means", number_list(self.means_init)]
        sds = self._initial_sds()
        if sds is not None:
            arguments += ["--init-sds", number_list(sds)]
        return arguments

    # Fitting.

    def fit(self, X, y=None) -> "GaussianMixture":
        """Fits the mixture to X (a 1-D array or an (n, 1) array) by ``emlab fit``; returns self.

        Raises:
            EMLabError: EMLab refused the data or the options, or the fit
                degenerated (its message says which); a missing executable.
            ValueError: X is not one finite feature, or an argument has no EMLab meaning.
        """
        values = as_values(X, fitting=True)
        with scratch() as folder:
            data = write_values(values, folder / "data.txt")
            arguments = self._fit_arguments(str(data))
            arguments += ["--save", str(folder / "model.json"), "--trace", str(folder / "trace.csv")]
            report = _runner.run_json(arguments)
            model_text = (folder / "model.json").read_text()
            trace_text = (folder / "trace.csv").read_text()
        self._set_fitted(report, model_text, trace_text, values.size)
        self._fitted_arguments = self._fit_arguments("DATA")
        self._fitted_values = values
        self._scored = None
        return self

    def fit_predict(self, X, y=None) -> np.ndarray:
        """Fits, then the MAP component of each value (0-based)."""
        return self.fit(X).predict(X)

    def _set_fitted(self, report: dict, model_text: str, trace_text: str, count: int) -> None:
        model = json.loads(model_text)
        k = int(model["components"])
        self.report_ = report
        self.model_json_ = model_text
        self.n_features_in_ = 1
        self.weights_ = np.array(model["weights"], dtype=float)
        self.means_ = np.array(model["means"], dtype=float).reshape(k, 1)
        sds = np.array(model["sds"], dtype=float)
        self.sds_ = sds
        variances = sds ** 2
        # scikit-learn's shapes: the covariance_type asked for, or for EMLab's `variance`, 'full' or 'tied'.
        per_component = self._variance_model == "per-component"
        self.covariance_type_ = self.covariance_type if self.variance is None else ("full" if per_component else "tied")
        self.covariances_ = _shaped(variances, self.covariance_type_)
        self.precisions_ = _shaped(1 / variances, self.covariance_type_)
        self.precisions_cholesky_ = _shaped(1 / sds, self.covariance_type_)
        self.log_likelihood_ = float(report["logLikelihood"])
        self.lower_bound_ = self.log_likelihood_ / count
        self.n_iter_ = int(report["iterations"])
        self.e_steps_ = int(report["eSteps"])
        self.stop_reason_ = report["stopReason"]
        self.converged_ = self.stop_reason_ == "converged"
        self.failures_ = list(model["fit"]["failures"])
        self.rate_ = report.get("rateTheoretical")
        self.rate_empirical_ = report.get("rateEmpirical")
        self.log_likelihood_gap_ = report.get("logLikelihoodGap")
        errors = report.get("standardErrors")
        self.standard_errors_ = None if errors is None else {key: np.array(value, dtype=float) for key, value in errors.items()}
        self.intervals_ = report.get("intervals")
        self.aic_, self.bic_, self.icl_ = report.get("aic"), report.get("bic"), report.get("icl")
        self.starts_ = {key: report[key] for key in ("starts", "startsReachingBest", "startsDegenerate",
                                                      "startsCapped", "startsFinished", "bestStart", "maxima")}
        # Every start's seed, ℓ, iterations, stop reason and whether it was set aside.
        self.starts_["each"] = records(model["fit"]["starts"])
        self.trace_ = table(trace_text)
        self.n_parameters_ = int(model["model"]["parameters"])

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_json_"):
            raise _not_fitted(self)

    # Scoring, by `emlab score` on the saved model.

    def _score(self, X) -> dict:
        self._check_fitted()
        values = as_values(X)
        key = values.tobytes()
        if self._scored is not None and self._scored[0] == key:
            return self._scored[1]
        with scratch() as folder:
            (folder / "model.json").write_text(self.model_json_)
            data = write_values(values, folder / "data.txt")
            result = _runner.run_json(["score", str(folder / "model.json"), str(data), "--format", "json"])
        self._scored = (key, result)
        return result

    def score_samples(self, X) -> np.ndarray:
        """log f(x) of each value (scikit-learn's ``score_samples``)."""
        return np.array(self._score(X)["logDensity"], dtype=float)

    def score(self, X, y=None) -> float:
        """The mean log-likelihood per value (scikit-learn's ``score``)."""
        return float(self._score(X)["meanLogLikelihood"])

    def predict_proba(self, X) -> np.ndarray:
        """The responsibilities, shape (n, K) (scikit-learn's ``predict_proba``)."""
        return np.array(self._score(X)["responsibilities"], dtype=float).reshape(-1, self.weights_.size)

    def predict(self, X) -> np.ndarray:
        """The MAP component of each value, 0-based as scikit-learn's (the first on a tie)."""
        return np.array(self._score(X)["map"], dtype=int) - 1

    def uncertainty(self, X) -> np.ndarray:
        """mclust's uncertainty 1 − max τ of each value."""
        return np.array(self._score(X)["uncertainty"], dtype=float)

    def bic(self, X) -> float:
        """−2ℓ + p·log n on X (scikit-learn's ``bic``; lower is better)."""
        return float(self._score(X)["bic"])

    def aic(self, X) -> float:
        """−2ℓ + 2p on X (scikit-learn's ``aic``; lower is better)."""
        return float(self._score(X)["aic"])

    def sample(self, n_samples: int = 1):
        """Draws from the fitted mixture (``emlab sample``, seeded by ``random_state``).

        Returns:
            (X, y): X of shape (n_samples, 1), y the 0-based component of each, as scikit-learn's.
        """
        self._check_fitted()
        if int(n_samples) < 1:
            raise ValueError(f"Invalid value for 'n_samples': {n_samples} . The sampling requires at least one sample.")
        seed = 1 if self.random_state is None else int(self.random_state)
        text = _runner.run(["sample", "--weights", number_list(self.weights_), "--means", number_list(self.means_),
                            "--sds", number_list(self.sds_), "-n", str(int(n_samples)), "--seed", str(seed), "--labels"])
        rows = [line.split(",") for line in text.splitlines()[1:]]
        return (np.array([float(r[0]) for r in rows]).reshape(-1, 1), np.array([int(r[1]) - 1 for r in rows]))

    # Display.

    def _repr_html_(self) -> str:
        if not hasattr(self, "model_json_"):
            return f"<pre>{html.escape(repr(self))} (not fitted)</pre>"
        errors = self.standard_errors_ or {}
        rows = []
        for k in range(self.weights_.size):
            def cell(key, value):
                se = errors.get(key)
                return f"{value:.6g}" + (f" ± {se[k]:.3g}" if se is not None and np.isfinite(se[k]) else "")
            rows.append(f"<tr><td>{k + 1}</td><td>{cell('weights', self.weights_[k])}</td>"
                        f"<td>{cell('means', self.means_[k, 0])}</td><td>{cell('sds', self.sds_[k])}</td></tr>")
        rate = "—" if self.rate_ is None else f"{self.rate_:.4g}"
        facts = (f"ℓ = {self.log_likelihood_:.10g}, {self.stop_reason_} after {self.n_iter_} iterations, "
                 f"rate λ = {rate}, BIC = {self.bic_ if self.bic_ is None else f'{self.bic_:.10g}'}, "
                 f"failures: {', '.join(self.failures_) or 'none'}")
        return ("<div><p><b>EMLab GaussianMixture</b>, K = " + str(self.weights_.size) + ": " + html.escape(facts) + "</p>"
                "<table><tr><th>component</th><th>weight ± SE</th><th>mean ± SE</th><th>sd ± SE</th></tr>"
                + "".join(rows) + "</table></div>")

    def plot(self, X=None, bins: Optional[int] = None) -> SVG:
        """The picture ``emlab fit --plot FILE.svg`` draws of this fit (histogram,
        component densities, mixture, ℓ trace), as SVG text a notebook shows inline.

        The fit is run again with the same arguments on the data it was
        fitted on (or on X), which gives the same numbers: EMLab is deterministic.
        """
        self._check_fitted()
        values = self._fitted_values if X is None else as_values(X)
        with scratch() as folder:
            data = write_values(values, folder / "data.txt")
            arguments = [str(data) if a == "DATA" else a for a in self._fitted_arguments]
            arguments += ["--plot", str(folder / "fit.svg")] + (["--bins", str(int(bins))] if bins else [])
            _runner.run(arguments)
            return SVG((folder / "fit.svg").read_text())


def _shaped(values: np.ndarray, kind: str) -> np.ndarray:
    """Per-component 1-D values in scikit-learn's shape for ``kind``."""
    k = values.size
    if kind == "full":
        return values.reshape(k, 1, 1)
    if kind == "tied":
        return values[:1].reshape(1, 1)
    if kind == "diag":
        return values.reshape(k, 1)
    return values.copy()


def _same(a, b) -> bool:
    try:
        return bool(a == b) if not isinstance(a, np.ndarray) else False
    except (TypeError, ValueError):
        return False


def _not_fitted(estimator) -> Exception:
    message = (f"This {type(estimator).__name__} instance is not fitted yet. Call 'fit' with appropriate "
               "arguments before using this estimator.")
    try:
        from sklearn.exceptions import NotFittedError
        return NotFittedError(message)
    except ImportError:
        return AttributeError(message)
