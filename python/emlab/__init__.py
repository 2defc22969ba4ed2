"""EMLab from Python: scikit-learn's ``GaussianMixture`` and the lab's other commands,
each a call of the ``emlab`` executable (found through ``EMLAB_BIN``, then ``PATH``,
then the EMLab repository's ``.build/release/emlab``).

``emlab.audit`` checks a student's or anyone's EM run, step by step, from its trace.
"""

from ._runner import EMLabError, find_executable
from .functions import audit, run_study, sample, select, theory
from .mixture import SVG, GaussianMixture

__version__ = "0.1.0"
__all__ = ["EMLabError", "audit", "GaussianMixture", "SVG", "find_executable", "run_study", "sample", "select", "theory"]
