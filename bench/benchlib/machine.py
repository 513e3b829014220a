"""What the figures were measured on: CPU, cores, memory, OS, Python, Textual."""

from __future__ import annotations

import os
import platform
import sys
from importlib.metadata import PackageNotFoundError, version

from benchlib.context import REPO_DIR
from benchlib.interpreters import version as python_version


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kib = int(meminfo.readline().split()[1])
        return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def _os() -> str:
    try:
        with open("/etc/os-release", encoding="utf-8") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    name = line.split("=", 1)[1].strip().strip('"')
                    return f"{name}, kernel {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def describe(other_pythons: list[str] = ()) -> dict[str, str]:
    """The machine; ``other_pythons`` are those ``--python`` added (the table names each row's)."""
    return {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "RAM": _memory(),
        "OS": _os(),
        "Python": ", ".join(
            f"{python_version(python)} ({_shown(python)})"
            for python in [sys.executable, *other_pythons]
        ),
        "Textual": _package("textual"),
        "homecare": _package("homecare"),
        "load average at the end (1, 5, 15 min)": _load(),
    }


def _shown(python: str) -> str:
    """Where an interpreter is, without this machine's paths (RESULTS.md is committed)."""
    if python.startswith(str(REPO_DIR) + os.sep):
        return os.path.relpath(python, REPO_DIR)
    return "the Python running bench/run"


def _load() -> str:
    """Other work on the machine while the bench ran (it shares the cores with the subjects)."""
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"
