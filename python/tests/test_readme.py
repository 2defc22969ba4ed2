"""README.md's "From Python" example runs, from the repository's root, and prints what the README shows."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_python_example_prints_what_it_shows():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## From Python"):]
    section = section[:section.index("\n## ", 1)]
    code, shown = re.search(r"```python\n(.*?)```\s*```\n(.*?)```", section, re.S).groups()
    package = str(ROOT / "python")
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in [package, os.environ.get("PYTHONPATH", "")] if p))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown
