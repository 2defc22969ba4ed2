"""Failures become emlab.EMLabError carrying EMLab's one-line message."""

import subprocess

import numpy as np
import pytest

import emlab
from emlab import _runner


def test_emlabs_message_is_the_errors(executable):
    gm = emlab.GaussianMixture(3)
    with pytest.raises(emlab.EMLabError) as raised:
        gm.fit(np.array([1.0, 1.0, 2.0, 2.0]))
    error = raised.value
    # The message is the command line's own line, without "Error: ".
    direct = subprocess.run([executable, "fit", "-", "-k", "3"], input="1\n1\n2\n2\n", capture_output=True, text=True)
    assert direct.returncode == error.returncode != 0
    assert direct.stderr.strip() == "Error: " + error.message
    assert "\n" not in error.message and "distinct" in error.message


def test_option_errors_name_the_option():
    with pytest.raises(emlab.EMLabError, match="--tol"):
        emlab.GaussianMixture(2, tol=-1).fit(np.arange(10.0))
    with pytest.raises(emlab.EMLabError, match="weights"):
        emlab.theory([0.5, 0.6], [0, 1], [1, 1])


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError, match="2 features"):
        emlab.GaussianMixture(2).fit(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="NaN or infinity"):
        emlab.GaussianMixture(2).fit(np.array([1.0, np.nan, 2.0]))
    with pytest.raises(ValueError, match="reg_covar"):
        emlab.GaussianMixture(2, reg_covar=1e-6).fit(np.arange(10.0))


def test_unfitted_model_says_so():
    with pytest.raises(Exception, match="not fitted yet"):
        emlab.GaussianMixture(2).predict(np.arange(3.0))


def test_a_missing_executable_says_how_to_build_it(monkeypatch, tmp_path):
    monkeypatch.setenv("EMLAB_BIN", str(tmp_path / "absent"))
    with pytest.raises(emlab.EMLabError, match=r"swift build -c release --product emlab"):
        emlab.sample(3, [1], [0], [1])
    monkeypatch.delenv("EMLAB_BIN")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(_runner, "_repository_build", lambda: None)
    with pytest.raises(emlab.EMLabError, match=r"not found .*swift build -c release --product emlab"):
        emlab.GaussianMixture(2).fit(np.arange(10.0))


def test_a_bad_saved_model_is_one_line(executable, tmp_path):
    (tmp_path / "model.json").write_text('{"format": "emlab-model", "formatVersion": 1, "components": 2}')
    (tmp_path / "data.txt").write_text("1\n2\n")
    with pytest.raises(emlab.EMLabError, match=r"model.json: \"weights\" is missing"):
        _runner.run(["score", str(tmp_path / "model.json"), str(tmp_path / "data.txt")])
