"""docs/notebooks/em-lab.ipynb runs from top to bottom (nbclient, on the python3
kernel), so it never goes stale; without nbclient its code cells run as one script."""

import json
import os
import subprocess
import sys
from pathlib import Path

import emlab



def emlab_executable() -> str:
    return os.path.abspath(emlab.find_executable())


NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "notebooks" / "em-lab.ipynb"


def test_notebook_runs(tmp_path, monkeypatch):
    # The kernel is a new process in another folder: it finds this package (and emlab) by absolute paths.
    package = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in [package, os.environ.get("PYTHONPATH", "")] if p))
    monkeypatch.setenv("EMLAB_BIN", emlab_executable())
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        import nbclient
        import nbformat
    except ImportError:
        nbclient = None
    if nbclient is not None:
        notebook = nbformat.read(str(NOTEBOOK), as_version=4)
        nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(tmp_path)}}).execute()
        outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]
        assert not [output for output in outputs if output.get("output_type") == "error"]
        # The fit shows its table, and the picture is SVG.
        assert any("text/html" in output.get("data", {}) for output in outputs)
        assert any("image/svg+xml" in output.get("data", {}) for output in outputs)
    else:
        cells = json.loads(NOTEBOOK.read_text())["cells"]
        script = "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        (tmp_path / "notebook.py").write_text(script)
        subprocess.run([sys.executable, str(tmp_path / "notebook.py")], check=True, cwd=tmp_path, env=os.environ.copy())
