"""The bench's surroundings: where things are, how each subject is started, what exists yet.

Subjects are started the way a user starts them: homecare through its console script (the
``homecare`` next to the running interpreter), the reference app with the same interpreter,
termdown from its own throwaway virtual environment under bench/out/ (installed there from PyPI
the first time, so it never touches the project's environment).
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchlib.results import Report

BENCH_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BENCH_DIR.parent


@dataclass
class Bench:
    quick: bool
    out: Path = BENCH_DIR / "out"
    report: Report = field(default_factory=Report)
    python: str = sys.executable
    _termdown: list[str] | None = None
    _termdown_checked: bool = False

    def pick(self, full: float, quick: float) -> float:
        """A duration or repeat count: the full figure, or the short one in --quick mode."""
        return quick if self.quick else full

    def repeats(self, full: int, quick: int) -> int:
        return int(self.pick(full, quick))

    # --- environments -------------------------------------------------------------------

    def data_dir(self, name: str) -> Path:
        path = self.out / "data" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def env(self, data: str = "empty", **extra: str) -> dict[str, str]:
        """A clean, fixed environment: an xterm, UTF-8, a bench data and config folder."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", str(self.out)),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "HOMECARE_DATA_DIR": str(self.data_dir(data)),
            "HOMECARE_CONFIG_DIR": str(self.data_dir("config")),
        }
        env.update(extra)
        return env

    # --- subjects -------------------------------------------------------------------------

    def homecare(self, *args: str) -> list[str]:
        """homecare's console script, next to ``self.python`` in its virtual environment."""
        script = Path(self.python).parent / "homecare"
        if script.exists():
            return [str(script), *args]
        return [self.python, "-m", "homecare", *args]

    def reference(self, seconds: int = 1200) -> list[str]:
        return [self.python, str(BENCH_DIR / "reference_app.py"), str(seconds)]

    def python_pass(self) -> list[str]:
        return [self.python, "-c", "pass"]

    def termdown(self, *args: str) -> list[str] | None:
        """termdown's command, installing it into bench/out/termdown-venv if need be."""
        if not self._termdown_checked:
            self._termdown_checked = True
            self._termdown = self._find_termdown()
        return None if self._termdown is None else [*self._termdown, *args]

    def _find_termdown(self) -> list[str] | None:
        venv = self.out / "termdown-venv"
        script = venv / "bin" / "termdown"
        if not script.exists():
            found = shutil.which("termdown")
            if found:
                return [found]
            print("installing termdown into bench/out/termdown-venv (once) ...", flush=True)
            try:
                subprocess.run([self.python, "-m", "venv", str(venv)], check=True)
                subprocess.run(
                    [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "termdown"],
                    check=True,
                )
            except (OSError, subprocess.CalledProcessError) as error:
                print(f"  could not install termdown: {error}", flush=True)
                return None
        return [str(script)]

    # --- what exists yet ------------------------------------------------------------------

    @staticmethod
    def missing(*modules: str) -> str | None:
        """Why a homecare feature cannot be measured yet, or None if its modules exist."""
        for module in modules:
            try:
                found = importlib.util.find_spec(module) is not None
            except (ImportError, ValueError):
                found = False
            if not found:
                return f"{module} does not exist yet"
        return None

    # --- recording --------------------------------------------------------------------------

    def shown(self, argv: list[str], env: dict[str, str] | None = None) -> str:
        """A command as a person would type it from the repository root."""
        words = []
        for word in argv:
            if word == self.python:
                word = "python"
            elif word.startswith(str(REPO_DIR) + os.sep):
                word = os.path.relpath(word, REPO_DIR)
            words.append(word)
        if words and words[0].endswith(os.sep + "homecare"):
            words[0] = "homecare"
        if words and words[0].endswith(os.sep + "termdown"):
            words[0] = "termdown"
        prefix = ""
        if env:
            data = os.path.relpath(env["HOMECARE_DATA_DIR"], REPO_DIR)
            prefix = f"HOMECARE_DATA_DIR={data} "
        return prefix + shlex.join(words)
