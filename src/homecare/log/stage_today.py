"""Which stage of a staged routine a session runs today, from the prescription's start.

The start follows the log's one rule (homecare.log.prescriptions.start_of: the schedule's
start, the issued date, the import day, the first session); with none of them known yet, today
is the start, as the first session will make it. The stage arithmetic is
homecare.routine.stages'. Both front ends (the app and the plain runner) and the home screen
ask here, so they always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from homecare.log.adherence import due_on
from homecare.log.prescriptions import EXAMPLE, start_of, version_of
from homecare.log.store import LogStore
from homecare.routine.model import RoutineFile, Schedule
from homecare.routine.stages import (
    StageSpan,
    current_stage,
    stage_file,
    stage_schedule,
    stage_spans,
    where_words,
)


def prescription_start(store: LogStore | None, routine_file: RoutineFile) -> date | None:
    """The first day of ``routine_file``'s prescription, as far as the log knows."""
    first = store.first_day(routine_file.routine.id) if store is not None else None
    return start_of(version_of(routine_file), first)


def stage_today(store: LogStore | None, routine_file: RoutineFile, today: date) -> StageSpan | None:
    """The stage current on ``today`` (None for a routine without stages)."""
    routine = routine_file.whole_routine
    if not routine.stages:
        return None
    return current_stage(routine, prescription_start(store, routine_file) or today, today)


def file_to_run(store: LogStore | None, routine_file: RoutineFile, today: date) -> RoutineFile:
    """What a session started ``today`` runs: the current stage of a staged routine, else the
    routine itself."""
    span = stage_today(store, routine_file, today)
    return routine_file if span is None else stage_file(routine_file, span.number)


def stage_line(store: LogStore | None, routine_file: RoutineFile, today: date) -> str:
    """``"week 2 of 4, stage 1: Settle the spasm"``, or "" for a routine without stages."""
    routine = routine_file.whole_routine
    if not routine.stages:
        return ""
    return where_words(routine, prescription_start(store, routine_file), today)


def due_by_stage(store: LogStore | None, routine_file: RoutineFile) -> Callable[[date], int]:
    """Sessions due on a day of a staged routine: by the schedule of the stage of that day
    (for the History calendar, which looks at many days)."""
    routine = routine_file.whole_routine
    start = prescription_start(store, routine_file)
    spans = stage_spans(routine, start)
    schedules = {span.number: schedule_of_stage(store, routine_file, span) for span in spans}

    def due(day: date) -> int:
        span = current_stage(routine, start, day)
        return due_on(schedules[span.number], day) if span is not None else 0

    return due


def schedule_of_stage(
    store: LogStore | None, routine_file: RoutineFile, span: StageSpan
) -> Schedule | None:
    """The schedule that makes sessions due on ``span``'s days, its start filled in as the log's
    rule says (None: nothing is due, e.g. for an example)."""
    if routine_file.origin == EXAMPLE:
        return None
    schedule = stage_schedule(routine_file.whole_routine, span.stage)
    if schedule is None or schedule.start is not None:
        return schedule
    start = prescription_start(store, routine_file)
    return replace(schedule, start=start) if start is not None else schedule
