"""``homecare import FILE...``: check routine files and add them to the patient's library.

Every file is checked before any is imported. Replacing a routine with the same id needs a yes
(``--yes``, or an answer at the terminal); without a terminal to ask, nothing is replaced and
the command says how to go on. Replaced versions are kept (see ``homecare.routine.importing``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from homecare.base.durations import duration_words
from homecare.base.errors import UserError
from homecare.base.text import counted, visible
from homecare.routine import words
from homecare.routine.importing import Candidate, install, prepare
from homecare.routine.stages import length_words, stage_routine
from homecare.session.plan import compile_plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="routine files")
    parser.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help="replace routines with the same id without asking (old versions are kept)",
    )


def run(args: argparse.Namespace) -> int:
    candidates = _checked(args.files)
    to_replace = [c for c in candidates if c.existing is not None and not c.unchanged]
    if to_replace and not args.yes and not sys.stdin.isatty():
        ids = ", ".join(c.routine.id for c in to_replace)
        raise UserError(
            f"your library already has a different version of: {ids}.\n"
            "Nothing was imported. Run this in a terminal to be asked, or add --yes to "
            "replace them (the old versions are kept)."
        )
    for candidate in candidates:
        print("\n".join(summary(candidate)))
        if candidate.unchanged:
            print("  Already in your library, unchanged.\n")
            continue
        replace = candidate.existing is not None
        if replace and not args.yes and not _ask(f"  Replace your current {candidate.routine.id}?"):
            print("  Kept your current version.\n")
            continue
        result = install(candidate, replace=replace)
        print(f"  Added to your library as {result.destination.name}.")
        if result.kept is not None:
            print(f"  The old version is kept in {visible(str(result.kept), limit=200)}.")
        print()
    return 0


def _checked(files: list[Path]) -> list[Candidate]:
    """Every file checked; any errors stop the whole import, listed together."""
    candidates, errors = [], []
    for file in files:
        try:
            candidates.append(prepare(file))
        except UserError as error:
            errors.append(str(error))
    ids = [c.routine.id for c in candidates]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        errors.append(
            f"more than one file has the id {', '.join(twice)}; import them one at a time"
        )
    if errors:
        raise UserError("nothing was imported:\n" + "\n".join(errors))
    return candidates


def summary(candidate: Candidate) -> list[str]:
    routine = candidate.routine
    lines = [f"{routine.title} (id {routine.id}, from {visible(str(candidate.source), limit=200)})"]
    details = [("Prescribed by", routine.prescribed_by), ("For", routine.patient)]
    lines += [f"  {label}: {value}" for label, value in details if value]
    lines.append(f"  When: {words.schedule(routine.schedule)}")
    parts = [("", routine)]
    if routine.stages:  # each stage in turn (homecare show gives their dates)
        parts = [
            (f"Stage {n}: {stage.name} ({length_words(stage)}), ", stage_routine(routine, n))
            for n, stage in enumerate(routine.stages, start=1)
        ]
    for heading, part in parts:
        total = duration_words(compile_plan(part).total_seconds)
        lines.append(f"  {heading}{counted(len(part.steps), 'step')}, about {total} of timed work:")
        lines += [
            f"    {i}. {s.display_name} ({words.step_kind(s)})"
            for i, s in enumerate(part.steps, start=1)
        ]
    lines += [f"  {p}" for p in candidate.warnings]
    return lines


def _ask(question: str) -> bool:
    try:
        answer = input(f"{question} The old version is kept. [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")
