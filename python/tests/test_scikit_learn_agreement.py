"""On the same data and from the same start, EMLab and scikit-learn's GaussianMixture
reach the same maximum: lower_bound_, bic, aic, predict_proba and score_samples agree
to 1e-8. Both run to the fixed point (EMLab: parameter change < 1e-13; scikit-learn:
tol = 0 and enough iterations), with reg_covar = 0."""

import warnings

import numpy as np
import pytest

import emlab

mixture = pytest.importorskip("sklearn.mixture")


@pytest.mark.parametrize("covariance_type", ["full", "tied"])
def test_agrees_with_scikit_learn(two_components, covariance_type):
    values, _ = two_components
    X = values.reshape(-1, 1)
    start = dict(weights_init=np.array([0.5, 0.5]), means_init=np.array([[1.0], [4.0]]))
    precisions = np.array([[[0.5]], [[0.25]]]) if covariance_type == "full" else np.array([[0.4]])
    ours = emlab.GaussianMixture(2, covariance_type=covariance_type, stop="parameter-change", tol=1e-13, max_iter=5000,
                                 precisions_init=precisions, **start).fit(X)
    assert ours.converged_
    theirs = mixture.GaussianMixture(2, covariance_type=covariance_type, tol=0, reg_covar=0, max_iter=3000,
                                     precisions_init=precisions, **start)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tol = 0 never "converges": it runs all max_iter steps.
        theirs.fit(X)
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, rel=1e-8, abs=1e-8)
    assert ours.bic(X) == pytest.approx(theirs.bic(X), rel=1e-8, abs=1e-8)
    assert ours.aic(X) == pytest.approx(theirs.aic(X), rel=1e-8, abs=1e-8)
    assert ours.score(X) == pytest.approx(theirs.score(X), rel=1e-8, abs=1e-8)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=1e-8)
    np.testing.assert_allclose(ours.score_samples(X), theirs.score_samples(X), rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(ours.weights_, theirs.weights_, rtol=0, atol=1e-8)
    np.testing.assert_allclose(ours.means_, theirs.means_, rtol=0, atol=1e-8)
    np.testing.assert_allclose(ours.covariances_, theirs.covariances_, rtol=1e-8)
    assert ours.covariances_.shape == theirs.covariances_.shape
    assert ours.precisions_cholesky_.shape == theirs.precisions_cholesky_.shape
    np.testing.assert_allclose(ours.precisions_cholesky_, theirs.precisions_cholesky_, rtol=1e-8)
    # New data the models were not fitted on.
    new = np.linspace(-4, 10, 29).reshape(-1, 1)
    np.testing.assert_allclose(ours.score_samples(new), theirs.score_samples(new), rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(ours.predict_proba(new), theirs.predict_proba(new), rtol=0, atol=1e-8)
