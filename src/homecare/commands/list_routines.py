"""``homecare list``: the routines you can run, yours first, then the bundled examples."""

from __future__ import annotations

import argparse
import sys

from homecare.base import locations
from homecare.base.durations import duration_words
from homecare.routine.library import catalogue
from homecare.routine.model import RoutineFile
from homecare.routine.timing import routine_seconds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: ``homecare list`` lists everything."""


def run(args: argparse.Namespace) -> int:
    found = catalogue()
    yours = [r for r in found.routines if r.origin == "library"]
    examples = [r for r in found.routines if r.origin == "example"]
    width = max((len(r.routine.id) for r in found.routines), default=0)
    lines = ["Your routines:"]
    if locations.library_dir() in found.unreadable:
        lines.append("  your library folder cannot be read (see below)")
    else:
        lines += [_row(r, width) for r in yours] or ["  none yet (homecare import FILE adds one)"]
    lines += ["", "Examples (not a prescription):"]
    lines += [_row(r, width) for r in examples] or ["  none found"]
    lines += ["", "Run one with: homecare run NAME   (details: homecare show NAME)"]
    print("\n".join(lines))
    if found.problems:
        print("These could not be read:", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in found.problems), file=sys.stderr)
        return 2
    return 0


def _row(loaded: RoutineFile, width: int) -> str:
    total = duration_words(routine_seconds(loaded.routine))  # the plan's total, without a plan
    return f"  {loaded.routine.id:<{width}}  {loaded.routine.title}  ({total})"
