"""``homecare show FILE|NAME``: a routine in plain words, with timings and warnings.

Timings come from the compiled plan (``homecare.session.plan``), so they match what a session does;
the step settings and the schedule are worded by ``homecare.routine.words``, as in handouts.
"""

from __future__ import annotations

import argparse
import textwrap

from homecare.base.durations import duration_words
from homecare.base.text import visible_path
from homecare.routine import stages, words
from homecare.routine.library import resolve
from homecare.routine.limits import EXAMPLE_WARNING, warnings_for
from homecare.routine.model import RoutineFile
from homecare.routine.problems import Problem
from homecare.session import psfs
from homecare.session.plan import Plan, compile_plan

PACK_KINDS = ("pack-on", "pack-off")  # said as in a session and on the handout
ORIGINS = {"example": "bundled example, not a prescription", "library": "in your library"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("routine", metavar="FILE|NAME", help="a routine file, or a routine's id")


def run(args: argparse.Namespace) -> int:
    print(summary(resolve(args.routine)))
    return 0


def summary(loaded: RoutineFile) -> str:
    """The whole summary as text (routine text is already free of control characters)."""
    routine = loaded.routine
    plan = compile_plan(routine)
    origin = ORIGINS.get(loaded.origin, visible_path(loaded.path))
    lines = [routine.title, f"  id {routine.id} ({origin})"]
    for label, value in (
        ("Prescribed by", routine.prescribed_by),
        ("Patient", routine.patient),
        ("Contact", routine.contact),
        ("Issued", routine.issued and routine.issued.isoformat()),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append(f"  Schedule: {words.schedule(routine.schedule)}")
    if routine.psfs is not None:
        lines.append(f"  PSFS: {psfs.settings_words(routine.psfs)}")
    if routine.notes:
        lines += ["", "Notes:", textwrap.indent(routine.notes, "  ")]
    if routine.stages:
        lines += _stages(loaded)
    else:
        lines += ["", "Steps:", *_steps(plan, ""), "", _total(plan)]
    warnings = [
        w
        for w in warnings_for(routine, visible_path(loaded.path))
        if not (loaded.origin == "example" and w.message == EXAMPLE_WARNING)
    ]
    if warnings:
        lines += ["", "Warnings:"]
        lines += [f"  {warning.message}{_where(warning)}" for warning in warnings]
    return "\n".join(lines)


def _steps(plan: Plan, indent: str) -> list[str]:
    lines = []
    for index, step in enumerate(plan.routine.steps):
        lines.append(
            f"{indent}  {index + 1}. {step.display_name} ({words.step_kind(step)}): "
            f"{_step_time(plan, index)}"
        )
        rows = words.settings(step) + words.rating(plan.routine, step)
        lines += [f"{indent}       {label}: {value}" for label, value in rows]
        lines += [
            f"{indent}       {p.label}: {p.cue}"
            for p in plan.step_phases(index)
            if p.kind in PACK_KINDS
        ]
        if step.image:
            lines.append(f"{indent}       Picture: {step.image} ({step.image_alt})")
    return lines


def _stages(loaded: RoutineFile) -> list[str]:
    """Every stage: its name, length and dates (when the file or its import fixes the start),
    its own schedule if it has one, its steps and a session's time."""
    routine = loaded.routine
    from homecare.log.prescriptions import start_of, version_of  # the log's rule, not its store

    start = start_of(version_of(loaded), None)
    lines = ["", f"Stages ({len(routine.stages)}), one after the other from the start:"]
    if start is None:
        lines.append("  (dates from the first session: the routine gives no start)")
    for span in stages.stage_spans(routine, start):
        stage, number = span.stage, span.number
        lines += ["", f"Stage {number}: {stage.name}, {stages.span_words(span)}"]
        if stage.schedule is not None:  # its rhythm; its days are the stage's
            lines.append(f"  Schedule: {words.schedule(stage.schedule)}")
        plan = compile_plan(stages.stage_routine(routine, number))
        lines += [*_steps(plan, "  "), f"  {_total(plan)}"]
    return lines


def _step_time(plan: Plan, index: int) -> str:
    phases = [phase for phase in plan.phases if phase.step_index == index]
    timed = sum(phase.seconds for phase in phases if phase.seconds is not None)
    waits = sum(1 for phase in phases if phase.seconds is None)
    parts = [duration_words(timed)] if timed else []
    if waits:
        parts.append(f"{'waits' if waits == 1 else f'{waits} waits'} for you")
    return ", plus ".join(parts)


def _total(plan: Plan) -> str:
    text = f"Total: about {duration_words(plan.total_seconds)}"
    waits = sum(1 for phase in plan.phases if phase.seconds is None)
    if waits:
        text += (
            ", plus 1 pause that waits for you"
            if waits == 1
            else (f", plus {waits} pauses that wait for you")
        )
    return text


def _where(warning: Problem) -> str:
    parts = [
        f"stage {warning.stage}" if warning.stage else "",
        f"step {warning.step}" if warning.step else "",
        f"field {warning.field}" if warning.field else "",
    ]
    inside = ", ".join(part for part in parts if part)
    return f" [{inside}]" if inside else ""
