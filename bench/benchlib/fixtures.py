"""Inputs the bench generates: session logs of a chosen size and many routine files.

Logs are written through homecare's own log store and its generator of plausible sessions
(``benchlib.synthetic``), into data folders under bench/out/data/, afresh on every run so
"today" is today. Routine files are written as TOML text here, varied over every step type.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from benchlib.context import BENCH_DIR, Bench

LOG_SIZES = {
    "empty": 0,
    "small": 6 * 90,  # three months of a typical prescription: the everyday case
    "year": 6 * 365,  # a year at six sessions a day
    "huge": 100_000,
}
LOG_MODULES = ("homecare.log.store", "benchlib.synthetic")

_made: set[str] = set()


def log_data_dir(bench: Bench, name: str) -> Path:
    """A data folder whose log holds ``LOG_SIZES[name]`` generated sessions (made once a run)."""
    path = bench.out / "data" / name
    if name not in _made:
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        if LOG_SIZES[name]:  # in a process of its own: see _fill_log
            _fill_log(path, LOG_SIZES[name])
        _made.add(name)
    return path


def _fill_log(data_dir: Path, sessions: int) -> None:
    """Generate the log in another process. In the bench's own, 100,000 sessions held in memory
    raised its resident set to ~125 MiB, and a program forked from it reports at least that
    as its peak RSS (Linux carries the resident high-water mark across fork and exec), so every
    memory figure read 125 MiB."""
    command = [sys.executable, str(BENCH_DIR / "gen_log.py"), str(data_dir)]
    subprocess.run([*command, "--sessions", str(sessions)], check=True, stdout=subprocess.DEVNULL)


def routine_path(name: str) -> Path:
    """One of the bench's own routine files in bench/routines/."""
    return BENCH_DIR / "routines" / f"{name}.toml"


_STEP_TEMPLATES = (
    'type = "pir"\nside = "{side}"\ncontract_seconds = {a}\nrelax_seconds = {b}\ncycles = {c}\n'
    'instructions = "Lie on your back; knee towards the opposite shoulder."\n',
    'type = "stretch"\nside = "{side}"\nhold_seconds = {b}\nreps = {c}\nrest_seconds = {a}\n',
    'type = "{thermal}"\nminutes = {m}\narea = "lower back, {side} side"\n'
    "check_skin_every_minutes = 5\n",
    'type = "reps"\nname = "Pelvic tilts"\nreps = {b}\nsets = {c}\nrest_seconds = {a}\n',
    'type = "rest"\nseconds = {b}\n',
    'type = "interval"\nrounds = {c}\n\n[[steps.phases]]\nlabel = "walk"\nseconds = {b}\n\n'
    '[[steps.phases]]\nlabel = "stand"\nseconds = {a}\ncue = "stand tall"\n',
)


def routine_text(number: int) -> str:
    """A valid, warning-free routine of two to six steps; differs with ``number``."""
    lines = [
        "format = 1",
        f'title = "Generated routine {number}"',
        f'id = "generated-{number}"',
        'prescribed_by = "Dr. Bench"',
        'contact = "clinic 555-0100"',
        "issued = 2026-01-15",
        'notes = "Stop if the pain gets worse."',
        "",
        "[schedule]",
        f"times_per_day = {1 + number % 3}",
        "",
    ]
    for index in range(2 + number % 5):
        template = _STEP_TEMPLATES[(number + index) % len(_STEP_TEMPLATES)]
        values = {
            "side": ("left", "right", "both")[(number + index) % 3],
            "a": 5 + (number + index) % 6,
            "b": 10 + (number * 7 + index) % 20,
            "c": 1 + (number + index) % 4,
            "m": 10 + (number + index) % 11,
            "thermal": ("ice", "heat")[number % 2],  # never both: check warns about that
        }
        lines += ["[[steps]]", template.format(**values)]
    return "\n".join(lines)


def routine_files(bench: Bench, count: int) -> list[Path]:
    folder = bench.out / f"routines-{count}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        path = folder / f"generated-{number:04d}.toml"
        path.write_text(routine_text(number), encoding="utf-8")
        paths.append(path)
    return paths
