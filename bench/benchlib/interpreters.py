"""Other Pythons for ``bench/run --python``: find one, and give it homecare to run.

Each gets a virtual environment in bench/out/python-<version>/ with the project installed
editable from this checkout, so it runs the same source as the main run. pip installs it (and its
dependencies, from PyPI or pip's cache) when the environment is made and whenever pyproject.toml
has changed since.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from benchlib.context import REPO_DIR


def find(wanted: str) -> str:
    """A Python named by a path (``/opt/python3.10``) or a version (``3.10``): pyenv's, or on PATH.

    pyenv's shims are on PATH even for a version that is not active, so each is tried."""
    if os.sep in wanted:
        candidates = [wanted]
    else:
        pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
        candidates = sorted(glob.glob(f"{pyenv}/versions/{wanted}*/bin/python{wanted}"))[::-1]
        candidates += [found] if (found := shutil.which(f"python{wanted}")) else []
    for python in candidates:
        try:
            version(python)
        except (OSError, subprocess.CalledProcessError):
            continue
        return python
    raise SystemExit(
        f"bench/run: no working Python {wanted!r} found (give a version such as "
        "3.10, installed by pyenv or on PATH as python3.10, or a path)"
    )


def version(python: str) -> str:
    done = subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def environment(out: Path, python: str) -> str:
    """The Python of a virtual environment made from ``python`` that has homecare installed."""
    venv = out / f"python-{version(python)}"
    inside = venv / "bin" / "python"
    stamp = venv / "installed-from-pyproject.toml"
    pyproject = (REPO_DIR / "pyproject.toml").read_text(encoding="utf-8")
    if not inside.exists():
        print(f"making {venv} ...", flush=True)
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != pyproject:
        print(f"installing homecare into {venv} ...", flush=True)
        subprocess.run([str(inside), "-m", "pip", "install", "-q", "-e", str(REPO_DIR)], check=True)
        stamp.write_text(pyproject, encoding="utf-8")
    return str(inside)
