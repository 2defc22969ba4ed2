"""emlab.theory, select, sample and run_study: the command line's numbers, as Python values."""

import json
import subprocess

import numpy as np
import pytest

import emlab


def test_theory_is_the_json(executable):
    result = emlab.theory([0.5, 0.5], [0, 3], [1, 1], n=100)
    direct = json.loads(subprocess.run([executable, "theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1",
                                        "-n", "100", "--format", "json"], check=True, capture_output=True, text=True).stdout)
    assert result == direct and 0 < result["rateTheoretical"] < 1


def test_sample_is_the_command_lines(executable):
    values = emlab.sample(20, [0.3, 0.7], [0, 4], [1, 1], seed=5)
    text = subprocess.run([executable, "sample", "--weights", ".3,.7", "--means", "0,4", "--sds", "1,1", "-n", "20",
                           "--seed", "5"], check=True, capture_output=True, text=True).stdout
    assert values.tolist() == [float(line) for line in text.splitlines()[1:]]
    values, labels = emlab.sample(preset="doc003", labels=True)
    assert values.size == 40 and set(labels) <= {0, 1}


def test_select_gives_one_row_per_model(two_components):
    values, _ = two_components
    table = emlab.select(values, components=[1, 2, 3], variance="per-component", starts=3)
    assert list(table["components"]) == [1, 2, 3]
    bic = np.asarray(table["bic"], dtype=float)
    assert int(np.argmin(bic)) == 1  # two components, as drawn


def test_run_study_reads_runs_and_summary(tmp_path):
    experiment = tmp_path / "tiny.toml"
    experiment.write_text("""name = "tiny"
seed = 5
replicates = 3
[truths.two]
weights = [0.5, 0.5]
means = [0, 4]
sds = [1, 1]
[estimators.em]
variance = "per-component"
[design]
truth = ["two"]
n = [50]
estimator = ["em"]
init = ["quantile"]
""")
    study = emlab.run_study(experiment, tmp_path / "out", jobs=1, plots=False, progress=False)
    assert len(study.runs["replicate"]) >= 3 and len(study.summary["n"]) == 1
    with pytest.raises(emlab.EMLabError, match="out: already holds a study"):
        emlab.run_study(experiment, tmp_path / "out", jobs=1, plots=False, progress=False)


def test_run_study_over_your_own_data_sets(tmp_path):
    # A long data frame of three data sets, as pandas writes it; each data set is one replicate.
    rng = np.random.default_rng(7)
    rows = ["dataset,x"]
    sets = {}
    for name, delta in [("a", 2.0), ("b", 3.0), ("c", 4.0)]:
        values = np.where(rng.random(80) < 0.4, 0.0, delta) + rng.standard_normal(80)
        sets[name] = values
        rows += [f"{name},{v!r}" for v in values.tolist()]
    (tmp_path / "mine.csv").write_text("\n".join(rows) + "\n")
    experiment = tmp_path / "mine.toml"
    experiment.write_text("""name = "mine"
seed = 5
[truths.mine]
data = "mine.csv"
value_column = "x"
[estimators.em]
components = 2
[design]
truth = ["mine"]
sampler = ["fixed"]
n = [80]
estimator = ["em"]
""")
    study = emlab.run_study(experiment, tmp_path / "out", jobs=1, plots=False, progress=False)
    assert list(study.runs["dataSet"]) == ["a", "b", "c"]
    assert [int(r) for r in study.runs["replicate"]] == [1, 2, 3]
    # Each row is EMLab's fit of that data set as the file has it.
    for name, ll in zip(study.runs["dataSet"], study.runs["logLikelihood"]):
        fitted = emlab.GaussianMixture(n_components=2).fit(sets[name])
        assert abs(float(ll) - fitted.log_likelihood_) < 1e-6 * abs(fitted.log_likelihood_)
