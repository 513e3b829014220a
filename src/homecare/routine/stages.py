"""Stages of a prescription that progresses: which stage is current on a day, and its routine.

A staged routine (format 3) lists ``[[stages]]``, each lasting ``weeks`` or ``days``. The first
stage starts on the prescription's start (the log decides it: the schedule's ``start``, else
``issued``, else the import day, else the first session; see homecare.log.prescriptions); each
next stage starts the day after the one before ends. After the last stage's length, the last
stage stays current until the routine's schedule ends (``end`` or ``weeks``), or for as long as
the patient goes on when the schedule gives no end: a prescription never runs out of steps.

Everything is counted in local calendar days (``date`` values), never in elapsed seconds, so a
day of 23 or 25 hours at a daylight-saving change moves no stage boundary.

``stage_routine`` gives the routine one stage runs (its steps, its schedule): the session
engine, the flow, timing and the plan see an ordinary routine and need no stage knowledge.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from homecare.base.days import add_days
from homecare.base.text import counted
from homecare.routine.model import Routine, RoutineFile, Schedule, Stage
from homecare.routine.problems import Problem


@dataclass(frozen=True)
class StageSpan:
    """A stage with its days: ``first_day`` and ``last_day`` are None while the start is
    unknown; ``last_day`` is None too for a last stage that goes on without an end."""

    number: int  # from 1
    stage: Stage
    first_day: date | None
    last_day: date | None

    @property
    def name(self) -> str:
        return self.stage.name

    def holds(self, day: date) -> bool:
        """``day`` falls in this stage (a stage whose start is unknown holds no day)."""
        if self.first_day is None or day < self.first_day:
            return False
        return self.last_day is None or day <= self.last_day


def stage_spans(routine: Routine, start: date | None) -> tuple[StageSpan, ...]:
    """Every stage with its first and last day from ``start`` (the rule above).

    No stage runs past the schedule's end: one that would begin after it holds no day
    (``homecare check`` warns about it).
    """
    end = _prescription_end(routine, start)
    spans = []
    first = start
    for number, stage in enumerate(routine.stages, start=1):
        last = None if first is None else add_days(first, stage.length_days - 1)
        if last is not None and number == len(routine.stages):
            last = end  # the last stage goes on to the schedule's end, or with no end
        elif last is not None and end is not None:
            last = min(last, end)
        spans.append(StageSpan(number, stage, first, last))
        first = None if last is None else add_days(last, 1)
    return tuple(spans)


def current_stage(routine: Routine, start: date | None, day: date) -> StageSpan | None:
    """The stage current on local ``day`` (None for a routine without stages).

    Before the start, or with no start known yet (the first session will fix it), stage 1;
    after the last stage's days, the last stage.
    """
    spans = stage_spans(routine, start)
    if not spans:
        return None
    if start is None or day < start:
        return spans[0]
    return next((span for span in spans if span.holds(day)), spans[-1])


def stage_schedule(routine: Routine, stage: Stage) -> Schedule | None:
    """The schedule on a stage's days: the stage's sessions per day and weekdays, within the
    routine's dates; the routine's schedule when the stage has none."""
    if stage.schedule is None or routine.schedule is None:
        return stage.schedule or routine.schedule
    return replace(
        routine.schedule, times_per_day=stage.schedule.times_per_day, days=stage.schedule.days
    )


def stage_routine(routine: Routine, number: int) -> Routine:
    """The routine stage ``number`` (from 1) runs: its steps and its schedule, no stages."""
    stage = routine.stages[number - 1]
    return replace(routine, steps=stage.steps, schedule=stage_schedule(routine, stage), stages=())


def stage_file(routine_file: RoutineFile, number: int) -> RoutineFile:
    """``routine_file`` as a session of stage ``number`` runs it (the log keeps the stage)."""
    whole = routine_file.whole_routine
    return replace(routine_file, routine=stage_routine(whole, number), stage=number, whole=whole)


def where_words(routine: Routine, start: date | None, day: date) -> str:
    """Where the patient is on ``day``: ``"week 2 of 4, stage 1: Settle the spasm"``.

    The weeks count from the start (``day`` when it is not known yet: the first session
    starts the prescription) to the schedule's end, else to the end of the last stage's length;
    past that, the week alone (``"week 6, stage 2: ..."``).
    """
    span = current_stage(routine, start, day)
    if span is None:
        return ""
    stage = f"stage {span.number}: {span.name}"
    start = start or day
    if day < start:
        return f"starts {start.isoformat()} with {stage}"
    week = (day - start).days // 7 + 1
    days = sum(stage.length_days for stage in routine.stages)
    last = _prescription_end(routine, start) or add_days(start, days - 1)
    weeks = math.ceil(((last - start).days + 1) / 7)
    return f"week {week}, {stage}" if week > weeks else f"week {week} of {weeks}, {stage}"


def length_words(stage: Stage) -> str:
    """``"2 weeks"`` or ``"10 days"``: a stage's length as the file gives it."""
    if stage.days is not None:
        return f"{counted(stage.days, 'day')}"
    weeks = stage.weeks or 0
    return f"{counted(weeks, 'week')}"


def span_words(span: StageSpan) -> str:
    """A stage's length and, once the start is known, its days: ``"2 weeks, 2026-03-02 to
    2026-03-15"``; the last stage ``"from 2026-03-16, until the schedule ends"`` when it goes on
    past its length (or ``"..., with no end"`` without a schedule end)."""
    length = length_words(span.stage)
    if span.first_day is None:
        return length
    if span.last_day is not None and span.last_day < span.first_day:
        return f"{length}, never reached: the schedule ends before"
    first = span.first_day.isoformat()
    if span.last_day is None:
        return f"{length}, from {first}, then on with no end date"
    return f"{length}, {first} to {span.last_day.isoformat()}"


def each_stage(routine: Routine, check: Callable[[Routine], list[Problem]]) -> list[Problem]:
    """``check`` run on every stage's routine, each problem located in its stage."""
    return [
        replace(problem, stage=number, stage_name=routine.stages[number - 1].name)
        for number in range(1, len(routine.stages) + 1)
        for problem in check(stage_routine(routine, number))
    ]


def _prescription_end(routine: Routine, start: date | None) -> date | None:
    """The routine schedule's last day, its start filled in (None: no end, or not known)."""
    schedule = routine.schedule
    if schedule is None:
        return None
    if schedule.start is None and start is not None:
        schedule = replace(schedule, start=start)
    return schedule.last_day
