"""emlab.audit: a student's NumPy EM checked step by step in one call, and the remedies' arguments."""

import numpy as np
import pytest

import emlab


def student_em(x, weights, means, sds, iterations, unbiased=False):
    """A textbook EM for a 1-D mixture (written here, independent of EMLab), returning its trace;
    with ``unbiased`` it divides each variance by Σγ − 1, a common slip."""
    rows = {"weights": [weights], "means": [means], "sds": [sds]}
    w, m, s = (np.array(v, dtype=float) for v in (weights, means, sds))
    for _ in range(iterations):
        log_density = -0.5 * ((x[:, None] - m) / s) ** 2 - np.log(s) - 0.5 * np.log(2 * np.pi) + np.log(w)
        gamma = np.exp(log_density - log_density.max(axis=1, keepdims=True))
        gamma /= gamma.sum(axis=1, keepdims=True)
        nk = gamma.sum(axis=0)
        w = nk / len(x)
        m = (gamma * x[:, None]).sum(axis=0) / nk
        s = np.sqrt((gamma * (x[:, None] - m) ** 2).sum(axis=0) / (nk - 1 if unbiased else nk))
        rows["weights"].append(w)
        rows["means"].append(m)
        rows["sds"].append(s)
    return {name: np.array(block) for name, block in rows.items()}


def test_a_correct_student_em_is_em(two_components):
    values, _ = two_components
    trace = student_em(values, [0.5, 0.5], [1.0, 4.0], [1.0, 1.0], 15)
    verdict = emlab.audit(values, **trace)
    assert verdict["isEM"] is True and verdict["firstDeviation"] is None and verdict["defect"] is None


def test_a_buggy_student_em_is_named_at_its_first_step(two_components):
    values, _ = two_components
    trace = student_em(values, [0.5, 0.5], [1.0, 4.0], [1.0, 1.0], 15, unbiased=True)
    verdict = emlab.audit(values, **trace)
    assert verdict["isEM"] is False
    assert verdict["defect"] == "unbiased-variance"
    assert verdict["firstDeviation"]["iteration"] == 1
    assert verdict["firstDeviation"]["parameter"].startswith("sd")


def test_a_dict_of_columns_and_the_presets(two_components):
    values, _ = two_components
    trace = student_em(values, [0.5, 0.5], [1.0, 4.0], [1.0, 1.0], 5)
    columns = {"pi1": trace["weights"][:, 0], "pi2": trace["weights"][:, 1], "mu1": trace["means"][:, 0],
               "mu2": trace["means"][:, 1], "sigma1": trace["sds"][:, 0], "sigma2": trace["sds"][:, 1]}
    assert emlab.audit(values, columns)["isEM"] is True
    assert emlab.audit(None, preset="doc000")["defect"] == "exponent-without-half"


def test_a_bad_trace_is_emlabs_one_line(two_components):
    values, _ = two_components
    with pytest.raises(emlab.EMLabError) as raised:
        emlab.audit(values, weights=[[0.5, 0.5]], means=[[1.0, 4.0]], sds=[[1.0, 1.0]])
    assert "row" in raised.value.message or "one row" in raised.value.message
    with pytest.raises(ValueError):
        emlab.audit(values, weights=[[0.5, 0.5]], means=[[1.0, 4.0, 2.0]], sds=[[1.0, 1.0]])


def test_remedies_pass_through(two_components):
    values, _ = two_components
    plain = emlab.GaussianMixture(2).fit(values)
    prior = emlab.GaussianMixture(2, prior="mclust").fit(values)
    assert prior.log_likelihood_ <= plain.log_likelihood_ + 1e-9  # the MAP estimate is not the MLE
    assert abs(prior.means_[1, 0] - plain.means_[1, 0]) < 0.1
    with pytest.raises(emlab.EMLabError) as raised:
        emlab.GaussianMixture(2, prior="mclust", accelerate="qn").fit(values)
    assert "squarem" in raised.value.message
