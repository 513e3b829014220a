"""Warnings for a valid routine: values a clinician may mean, but should look at twice.

Warnings never stop a routine from loading or running; ``homecare check --strict`` fails on
them. They come from:

- every number's soft range in ``homecare.routine.specs`` (with the spec's ``why``);
- a skin-check interval longer than the ice or heat itself (no check would be given);
- ice and heat in the same routine (the founding article gives them opposite indications);
- a bundled example's wording still in the routine (it is not a prescription);
- a session whose timed phases add up to more than an hour (``SESSION_MINUTES_SOFT_HIGH``);
- in a routine with stages, the rules above stage by stage, a stage the schedule ends before, and
  a stage none of whose weekdays falls in its days.

Each rule and its source are listed in docs/routine-format.md, "Warnings".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from homecare.base.days import add_days
from homecare.routine.model import (
    THERMAL_TYPES,
    WEEKDAYS,
    HeatStep,
    IceStep,
    Routine,
    Schedule,
)
from homecare.routine.problems import Problem
from homecare.routine.specs import NumberSpec, TableListSpec, specced_fields
from homecare.routine.stages import each_stage, stage_schedule, stage_spans
from homecare.routine.timing import routine_seconds

_ANY_MONDAY = date(2026, 1, 5)
SESSION_MINUTES_SOFT_HIGH = 60  # common practice for home exercise, not the founding article
# How the bundled examples say they are examples (GEN-2 in docs/clinical-basis.md).
EXAMPLE_NOTICE = "EXAMPLE ONLY, NOT A PRESCRIPTION"
EXAMPLE_TITLE = "(example)"
EXAMPLE_WARNING = (
    f"this routine still says it is an example ({EXAMPLE_NOTICE!r} or {EXAMPLE_TITLE!r}): make "
    "its title and notes your own before giving it to a patient"
)


def warnings_for(routine: Routine, file: str) -> list[Problem]:
    """Every warning for ``routine`` (already valid), located like errors are; a staged
    routine's steps, mixes and session length stage by stage (each stage is a session)."""
    if routine.stages:
        problems = each_stage(routine, lambda part: _unstaged_warnings(part, file, False))
        problems += [Problem(file, m, severity="warning") for m in _stage_rules(routine)]
        if has_example_wording(routine):
            problems.append(Problem(file, EXAMPLE_WARNING, severity="warning"))
        return problems
    return _unstaged_warnings(routine, file, True)


def _unstaged_warnings(routine: Routine, file: str, wording: bool) -> list[Problem]:
    problems = [
        Problem(
            file, message, step=number, step_name=step.display_name, field=field, severity="warning"
        )
        for number, step in enumerate(routine.steps, start=1)
        for field, message in [*_soft_ranges(step), *_step_rules(step)]
    ]
    rules = _routine_rules(routine, wording)
    problems += [Problem(file, message, severity="warning") for message in rules]
    return problems


def _stage_rules(routine: Routine) -> list[str]:
    """Stages the routine's schedule ends before: they would never run. With the start known
    (``start`` or ``issued``), a stage none of whose weekdays falls in its days: no session of
    it would ever be due."""
    schedule = routine.schedule
    known_start = (schedule.start if schedule else None) or routine.issued
    found = []
    if schedule is not None and (schedule.end is not None or schedule.weeks is not None):
        start = known_start or _ANY_MONDAY  # only the days between matter
        found += [
            f"stage {span.number} ({span.name}) never runs: the schedule ends before it starts "
            "(make the schedule longer, or the stages before it shorter)"
            for span in stage_spans(routine, start)
            if span.first_day is not None and span.last_day is not None
            if span.last_day < span.first_day
        ]
    for span in stage_spans(routine, known_start) if known_start else ():
        days = (stage_schedule(routine, span.stage) or Schedule()).days
        first, last = span.first_day, span.last_day
        if not days or first is None or last is None or last < first:
            continue
        length = min(7, (last - first).days + 1)
        if not any(WEEKDAYS[add_days(first, n).weekday()] in days for n in range(length)):
            found.append(
                f"stage {span.number} ({span.name}) has no session due: none of its days "
                f"({', '.join(day.capitalize() for day in days)}) falls between {first} and "
                f"{last} (make the stage longer, or give it other days)"
            )
    return found


def soft_range_message(spec: NumberSpec, value: int | None) -> str | None:
    """Why ``value`` is outside ``spec``'s soft range, or None when it is inside (or unset)."""
    if value is None:
        return None
    low = spec.soft_low if spec.soft_low is not None else spec.low
    high = spec.soft_high if spec.soft_high is not None else spec.high
    if low <= value <= high:
        return None
    if spec.soft_low is not None and spec.soft_high is not None:
        usual = f"outside the usual {low} to {high} {spec.unit}"
    elif value > high:
        usual = f"more than the usual {high} {spec.unit} at most"
    else:
        usual = f"less than the usual {low} {spec.unit} at least"
    return f"{value} {spec.unit} is {usual} ({spec.why})"


def _soft_ranges(item: Any, where: str = "") -> list[tuple[str, str]]:
    """(field, message) for each number outside its soft range, an interval's phases included."""
    found = []
    for field, spec in specced_fields(type(item)):
        value = getattr(item, field.name)
        if isinstance(spec, NumberSpec):
            message = soft_range_message(spec, value)
            if message:
                found.append((field.name + where, message))
        elif isinstance(spec, TableListSpec):
            for number, element in enumerate(value, start=1):
                found += _soft_ranges(element, f" ({field.name.removesuffix('s')} {number})")
    return found


def _step_rules(step: Any) -> list[tuple[str, str]]:
    if isinstance(step, THERMAL_TYPES) and step.check_skin_every_minutes > step.minutes:
        return [
            (
                "check_skin_every_minutes",
                f"the skin check every {step.check_skin_every_minutes} minutes never comes during "
                f"{step.minutes} minutes of {step.TYPE}; check the skin at least once",
            )
        ]
    return []


def _routine_rules(routine: Routine, wording: bool = True) -> list[str]:
    found = []
    types = {type(step) for step in routine.steps}
    if IceStep in types and HeatStep in types:
        found.append(
            "this routine has both ice and heat: they have opposite uses "
            "(ice for a fresh, warm, swollen problem; heat for an old, cold, tight one)"
        )
    if wording and has_example_wording(routine):
        found.append(EXAMPLE_WARNING)
    minutes = routine_seconds(routine) / 60
    if minutes > SESSION_MINUTES_SOFT_HIGH:
        found.append(
            f"a session takes about {round(minutes)} minutes, more than the usual "
            f"{SESSION_MINUTES_SOFT_HIGH} at most (common practice for home exercise)"
        )
    return found


def has_example_wording(routine: Routine) -> bool:
    """The title or notes still carry a bundled example's "this is an example" wording."""
    return (
        EXAMPLE_NOTICE.casefold() in routine.notes.casefold()
        or routine.title.casefold().rstrip().endswith(EXAMPLE_TITLE)
    )
