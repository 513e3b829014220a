"""``homecare check FILE...``: every problem and warning in routine files.

Exit 0 when all files are clean (or have only warnings, without ``--strict``), 1 when there
are warnings and ``--strict`` was given, 2 when any file has errors.
"""

from __future__ import annotations

import argparse
import sys

from homecare.base.text import counted, visible_path
from homecare.routine.loader import check_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="routine files to check")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when there are warnings")


def run(args: argparse.Namespace) -> int:
    lines: list[str] = []
    with_errors = with_warnings = 0
    for name in args.files:
        loaded, problems = check_file(name)
        if loaded is None:
            with_errors += 1
        elif problems:
            with_warnings += 1
        lines += [str(problem) for problem in problems] or [f"{visible_path(name)}: ok"]
    lines.append(_summary(len(args.files), with_errors, with_warnings))
    sys.stdout.write("\n".join(lines) + "\n")
    if with_errors:
        return 2
    return 1 if with_warnings and args.strict else 0


def _summary(files: int, with_errors: int, with_warnings: int) -> str:
    checked = f"checked {counted(files, 'file')}"
    if not with_errors and not with_warnings:
        return f"{checked}: no problems"
    return f"{checked}: {with_errors} with errors, {with_warnings} with warnings only"
