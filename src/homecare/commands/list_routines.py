"""``homecare list``: the routines you can run, yours first, then the bundled examples.

A file listed before is not loaded again while it and its pictures are unchanged:
``homecare.routine.listed`` remembers what the list shows of it.
"""

from __future__ import annotations

import argparse
import sys

from homecare.base import locations
from homecare.base.durations import duration_words
from homecare.routine.library import routine_paths
from homecare.routine.listed import Listed, Record


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: ``homecare list`` lists everything."""


def run(args: argparse.Namespace) -> int:
    found = routine_paths()
    record = Record.of_data_folder()
    listed: dict[str, list[Listed]] = {"library": [], "example": []}
    for origin, path in found.routines:
        routine, problems = record.listed(path, origin)
        if routine is not None:
            listed[origin].append(routine)
        found.problems.extend(problems)
    record.save()
    width = max((len(r.routine_id) for rows in listed.values() for r in rows), default=0)
    lines = ["Your routines:"]
    if locations.library_dir() in found.unreadable:
        lines.append("  your library folder cannot be read (see below)")
    else:
        rows = [_row(r, width) for r in listed["library"]]
        lines += rows or ["  none yet (homecare import FILE adds one)"]
    lines += ["", "Examples (not a prescription):"]
    lines += [_row(r, width) for r in listed["example"]] or ["  none found"]
    lines += ["", "Run one with: homecare run NAME   (details: homecare show NAME)"]
    print("\n".join(lines))
    if found.problems:
        print("These could not be read:", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in found.problems), file=sys.stderr)
        return 2
    return 0


def _row(routine: Listed, width: int) -> str:
    if routine.stages:  # sessions differ from stage to stage: say how many stages
        return f"  {routine.routine_id:<{width}}  {routine.title}  ({routine.stages} stages)"
    total = duration_words(routine.seconds)
    return f"  {routine.routine_id:<{width}}  {routine.title}  ({total})"
