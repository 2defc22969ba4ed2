"""emlab.GaussianMixture: the CLI's numbers exactly, scikit-learn's names and shapes,
and the --save/score round trip."""

import json
import subprocess

import numpy as np
import pytest

import emlab


def test_estimates_equal_the_command_lines_json(executable, two_components):
    values, path = two_components
    gm = emlab.GaussianMixture(n_components=2, n_init=5, random_state=3).fit(values)
    # The same values, read from the same bytes by the command line, give the same numbers.
    report = json.loads(subprocess.run([executable, "fit", str(path), "-k", "2", "--starts", "5", "--seed", "3",
                                        "--format", "json"], check=True, capture_output=True, text=True).stdout)
    assert gm.weights_.tolist() == report["weights"]
    assert gm.means_[:, 0].tolist() == report["means"]
    assert np.sqrt(gm.covariances_[:, 0, 0]).tolist() == pytest.approx(report["sds"], rel=1e-15)
    assert gm.sds_.tolist() == report["sds"]
    assert gm.log_likelihood_ == report["logLikelihood"]
    assert gm.lower_bound_ == report["logLikelihood"] / values.size
    assert gm.n_iter_ == report["iterations"] and gm.converged_ == (report["stopReason"] == "converged")
    assert gm.rate_ == report["rateTheoretical"] and gm.rate_empirical_ == report["rateEmpirical"]
    assert gm.standard_errors_["means"].tolist() == report["standardErrors"]["means"]
    assert gm.starts_["starts"] == 5 and gm.starts_["maxima"] == report["maxima"]
    each = gm.starts_["each"]
    assert list(each["start"]) == [1, 2, 3, 4, 5] and max(each["logLikelihood"]) == report["logLikelihood"]
    assert gm.bic_ == report["bic"] and gm.failures_ == []


def test_shapes_are_scikit_learns(two_components):
    values, _ = two_components
    full = emlab.GaussianMixture(2).fit(values.reshape(-1, 1))
    assert full.means_.shape == (2, 1) and full.covariances_.shape == (2, 1, 1)
    assert full.precisions_cholesky_.shape == (2, 1, 1) and full.weights_.shape == (2,)
    assert np.allclose(full.precisions_, 1 / full.covariances_, rtol=1e-15)
    tied = emlab.GaussianMixture(2, covariance_type="tied").fit(values)
    assert tied.covariances_.shape == (1, 1) and tied.precisions_cholesky_.shape == (1, 1)
    assert emlab.GaussianMixture(2, covariance_type="diag").fit(values).covariances_.shape == (2, 1)
    assert emlab.GaussianMixture(2, covariance_type="spherical").fit(values).covariances_.shape == (2,)
    assert full.predict_proba(values).shape == (300, 2) and full.predict(values).shape == (300,)
    assert set(full.predict(values)) == {0, 1}
    X, y = full.sample(50)
    assert X.shape == (50, 1) and set(y) <= {0, 1}
    # The trace: every iteration's ℓ, rising.
    trace = full.trace_
    assert len(trace["logLikelihood"]) == full.n_iter_ + 1
    assert np.all(np.diff(np.asarray(trace["logLikelihood"])) > -1e-9)


def test_parameters_follow_scikit_learns_protocol():
    gm = emlab.GaussianMixture(3, tol=1e-6, stop="aitken")
    params = gm.get_params()
    assert params["n_components"] == 3 and params["stop"] == "aitken" and params["reg_covar"] == 0.0
    assert gm.set_params(n_init=4, accelerate="squarem") is gm and gm.n_init == 4
    with pytest.raises(ValueError, match="Invalid parameter 'nope'"):
        gm.set_params(nope=1)
    assert repr(gm) == "GaussianMixture(accelerate='squarem', n_components=3, n_init=4, stop='aitken', tol=1e-06)"
    sklearn_base = pytest.importorskip("sklearn.base")
    clone = sklearn_base.clone(gm)
    assert clone is not gm and clone.get_params() == gm.get_params()


def test_save_then_score_reproduces_the_fits_posteriors(executable, two_components, tmp_path):
    values, path = two_components
    subprocess.run([executable, "fit", str(path), "-k", "2", "--save", str(tmp_path / "model.json"),
                    "--posteriors", str(tmp_path / "fitted.csv")], check=True, capture_output=True)
    fitted = np.genfromtxt(tmp_path / "fitted.csv", delimiter=",", names=True)
    gm = emlab.GaussianMixture(2).fit(values)
    tau = gm.predict_proba(values)
    # Bit for bit: the saved model is the fitted one, and score computes τ as fit does.
    assert tau[:, 0].tolist() == fitted["tau1"].tolist() and tau[:, 1].tolist() == fitted["tau2"].tolist()
    assert (gm.predict(values) + 1).tolist() == fitted["map"].astype(int).tolist()
    assert gm.uncertainty(values).tolist() == fitted["uncertainty"].tolist()
    assert gm.model_json_ == (tmp_path / "model.json").read_text()
    # On the fitted data the score is the fit's ℓ/n, and bic/aic the fit's.
    assert gm.score(values) == pytest.approx(gm.lower_bound_, rel=1e-13)
    assert gm.bic(values) == pytest.approx(gm.bic_, rel=1e-13) and gm.aic(values) == pytest.approx(gm.aic_, rel=1e-13)


def test_display(two_components):
    values, _ = two_components
    gm = emlab.GaussianMixture(2).fit(values)
    page = gm._repr_html_()
    assert "<table>" in page and "weight ± SE" in page and f"{gm.weights_[0]:.6g}" in page
    svg = gm.plot()
    assert isinstance(svg, str) and svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert svg._repr_svg_() == str(svg)
