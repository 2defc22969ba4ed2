"""What the tests share: the emlab executable (EMLAB_BIN, PATH or the
repository's release build, as the package finds it) and data made by it."""

import subprocess

import numpy as np
import pytest

import emlab


@pytest.fixture(scope="session")
def executable():
    return emlab.find_executable()


@pytest.fixture(scope="session")
def two_components(executable, tmp_path_factory):
    """300 values from 0.35·N(0, 1) + 0.65·N(5, 1.4²), and the file they were read from."""
    path = tmp_path_factory.mktemp("data") / "data.txt"
    subprocess.run([executable, "sample", "--weights", ".35,.65", "--means", "0,5", "--sds", "1,1.4",
                    "-n", "300", "--seed", "11", "--output", str(path)], check=True)
    values = np.loadtxt(path, skiprows=1)
    return values, path
