"""Today's stage from the log's start rule, and the recorder keeping the stage of each session."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from homecare.log.recorder import SessionRecorder
from homecare.log.stage_today import file_to_run, schedule_of_stage, stage_line, stage_today
from homecare.routine.model import (
    PirStep,
    RestStep,
    Routine,
    RoutineFile,
    Schedule,
    Stage,
    StretchStep,
)
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine
from homecare.session.plan import compile_plan

from .test_recorder import drive, stored

BERLIN = ZoneInfo("Europe/Berlin")
STAGED = Routine(
    title="Neck, progressing",
    id="neck-stages",
    schedule=Schedule(times_per_day=2, weeks=3),
    format=3,
    stages=(
        Stage(name="Settle", weeks=1, steps=(RestStep(seconds=5),)),
        Stage(
            name="Stretch more",
            weeks=2,
            schedule=Schedule(times_per_day=1),
            steps=(
                PirStep(cycles=1, setup_seconds=5, contract_seconds=5, relax_seconds=5),
                StretchStep(reps=1, hold_seconds=10, rest_seconds=0, setup_seconds=5),
            ),
        ),
    ),
)
FILE = RoutineFile(Path("neck.toml"), STAGED, "ab" * 32, "file")


def test_without_a_start_or_a_session_today_starts_the_first_stage(store):
    span = stage_today(store, FILE, date(2026, 5, 4))
    assert span is not None and span.number == 1
    assert stage_line(store, FILE, date(2026, 5, 4)) == "week 1 of 3, stage 1: Settle"


def test_the_issued_date_fixes_the_stage():
    issued = replace(FILE, routine=replace(STAGED, issued=date(2026, 5, 4)))
    assert stage_today(None, issued, date(2026, 5, 10)).number == 1
    assert stage_today(None, issued, date(2026, 5, 11)).number == 2
    assert stage_line(None, issued, date(2026, 5, 12)) == "week 2 of 3, stage 2: Stretch more"


def test_the_schedules_start_wins_over_the_issued_date():
    both = replace(
        STAGED,
        issued=date(2026, 5, 4),
        schedule=replace(STAGED.schedule, start=date(2026, 5, 11)),
    )
    assert stage_today(None, replace(FILE, routine=both), date(2026, 5, 12)).number == 1


def test_the_first_session_in_the_log_starts_the_prescription(store):
    clock = FakeClock(datetime(2026, 5, 4, 9, 0, tzinfo=BERLIN))
    run_session(store, clock, date(2026, 5, 4))  # the first session: stage 1, day 1
    assert stage_today(store, FILE, date(2026, 5, 11)).number == 2
    assert stage_today(store, FILE, date(2026, 5, 10)).number == 1


def test_a_routine_without_stages_runs_as_it_is(store):
    plain = RoutineFile(Path("p.toml"), Routine(title="p", steps=(RestStep(seconds=5),)), "cd", "")
    assert file_to_run(store, plain, date(2026, 5, 4)) is plain
    assert stage_today(store, plain, date(2026, 5, 4)) is None
    assert stage_line(store, plain, date(2026, 5, 4)) == ""


def test_the_file_to_run_is_the_stage_with_the_whole_routine_kept(store):
    running = file_to_run(
        store, replace(FILE, routine=replace(STAGED, issued=date(2026, 5, 4))), date(2026, 5, 12)
    )
    assert running.stage == 2 and running.routine.steps == STAGED.stages[1].steps
    assert running.whole is not None and running.whole_routine.stages == STAGED.stages
    assert running.routine.schedule == Schedule(times_per_day=1, weeks=3)


def test_the_stage_schedule_is_due_from_the_prescriptions_start():
    issued = replace(FILE, routine=replace(STAGED, issued=date(2026, 5, 4)))
    span = stage_today(None, issued, date(2026, 5, 12))
    assert schedule_of_stage(None, issued, span) == Schedule(
        times_per_day=1, weeks=3, start=date(2026, 5, 4)
    )
    example = replace(issued, origin="example")
    assert schedule_of_stage(None, example, span) is None  # an example is never due


def run_session(store, clock: FakeClock, today: date) -> None:
    """A whole session of the stage due ``today``, recorded in ``store``."""
    running = file_to_run(store, FILE, today)
    engine = Engine(compile_plan(running.routine), clock)
    recorder = SessionRecorder(store, running, engine)
    recorder.record(engine.start())
    drive(recorder, engine, clock)
    recorder.finish()
    assert recorder.close(10)


@pytest.mark.parametrize(
    ("day", "number", "name", "steps"), [(4, 1, "Settle", 1), (12, 2, "Stretch more", 2)]
)
def test_the_engine_and_recorder_run_a_stage_and_the_log_keeps_it(store, day, number, name, steps):
    issued = replace(FILE, routine=replace(STAGED, issued=date(2026, 5, 4)))
    clock = FakeClock(datetime(2026, 5, day, 9, 0, tzinfo=BERLIN))
    running = file_to_run(store, issued, clock.wall().date())
    engine = Engine(compile_plan(running.routine), clock)
    recorder = SessionRecorder(store, running, engine)
    recorder.record(engine.start())
    drive(recorder, engine, clock)
    recorder.finish()
    session = stored(store, recorder)
    assert (session.stage, session.stage_name) == (number, name)
    assert (session.status, session.steps_total, session.steps_done) == ("completed", steps, steps)
    assert session.content_hash == FILE.content_hash  # the file, whichever stage ran
    (version,) = store.routine_versions()
    assert version.schedule == STAGED.schedule  # the routine's own schedule, not the stage's
    assert recorder.close(10)


def test_a_session_of_a_routine_without_stages_has_no_stage(store):
    plain = RoutineFile(
        Path("p.toml"), Routine(title="p", id="p", steps=(RestStep(seconds=5),)), "cd" * 32, "file"
    )
    clock = FakeClock(datetime(2026, 5, 4, 9, 0, tzinfo=BERLIN))
    engine = Engine(compile_plan(plain.routine), clock)
    recorder = SessionRecorder(store, plain, engine)
    recorder.record(engine.start())
    drive(recorder, engine, clock)
    session = stored(store, recorder)
    assert (session.stage, session.stage_name) == (None, "")
    assert recorder.close(10)


def test_the_history_calendar_counts_each_day_by_its_stages_schedule(store):
    from homecare.log.overview import overview

    issued = replace(
        FILE, routine=replace(STAGED, issued=date(2026, 5, 4)), path=Path("/nowhere/n.toml")
    )
    issued = replace(issued, origin="library")
    data = overview(store, date(2026, 5, 13), library=[issued])
    days = {day.day: day.due for week in data.weeks for day in week}
    assert days[date(2026, 5, 3)] == 0  # before the start
    assert days[date(2026, 5, 4)] == days[date(2026, 5, 10)] == 2  # stage 1: the routine's
    assert days[date(2026, 5, 11)] == days[date(2026, 5, 13)] == 1  # stage 2: its own, once
    assert days[date(2026, 5, 17)] == 1  # the calendar ends with this week
