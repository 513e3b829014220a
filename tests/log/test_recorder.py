"""The recorder writes what the engine reports, at every step boundary, and never raises."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from homecare.log.recorder import SessionRecorder, safety_override
from homecare.log.store import LogStore, StepOutcome, open_store
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine
from homecare.session.plan import compile_plan
from homecare.session.safety import Caution, Decision

from .routines import BACK, BACK_FILE, BACK_PLAN

COLD = "safety check: body feels cold"


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 3, 29, 8, 0, tzinfo=ZoneInfo("Europe/Berlin")))


def drive(recorder: SessionRecorder, engine: Engine, clock: FakeClock, until_steps: int = 99):
    """Run phase by phase until ``until_steps`` step outcomes were recorded or the end."""
    while not engine.snapshot().finished:
        session = recorder.session
        if session and session.steps_done + session.steps_skipped + session.steps_excused >= (
            until_steps
        ):
            return
        deadline = engine.next_deadline()
        if deadline is None:  # an untimed phase (the ice pack on, or off): confirm it
            recorder.record(engine.confirm())
            continue
        clock.advance_to(deadline)
        recorder.record(engine.update())


def stored(store: LogStore, recorder: SessionRecorder):
    """The session as the log has it once the recorder's writer caught up."""
    assert recorder.flush(10)
    (session,) = store.sessions(with_steps=True)
    return session


def test_a_session_is_written_at_start_at_each_step_and_at_the_end(store, clock):
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.set_pain_before(6)
    engine.exclude_step(1, COLD)
    recorder.record(engine.start())
    row = stored(store, recorder)
    assert (row.status, row.steps_done, row.pain_before) == ("running", 0, 6)
    assert row.started == clock.wall() and row.started.utcoffset().total_seconds() == 7200

    drive(recorder, engine, clock, until_steps=2)  # the PIR, then the ice left out
    row = stored(store, recorder)
    assert (row.status, row.steps_done, row.steps_skipped, row.steps_excused) == (
        "running",
        1,
        0,
        1,
    )
    assert row.outcome == "partly_done"  # the stretch is still to come
    assert row.steps == (
        StepOutcome(0, "Post-isometric relaxation", "done", "", 30.0, 30.0),  # not the setup
        StepOutcome(1, "Ice", "excused", COLD, 0.0, 60.0),  # none of its minute done
    )
    assert row.active_seconds == pytest.approx(35.0)  # setup 5 + contract 10 + relax 20

    drive(recorder, engine, clock)
    recorder.finish(pain_after=3, note="easier to bend <b>today</b>")
    row = stored(store, recorder)
    assert row.status == "completed" and row.stop_reason == ""
    assert (row.steps_done, row.steps_excused, row.steps_total) == (2, 1, 3)
    assert row.outcome == "done"
    assert (row.pain_before, row.pain_after) == (6, 3)
    assert row.note == "easier to bend <b>today</b>"
    assert row.ended == clock.wall()
    assert row.active_seconds == pytest.approx(BACK_PLAN.total_seconds - 60)
    assert row.planned_seconds == BACK_PLAN.total_seconds
    version = store.routines()["lower-back"]
    assert (version.title, version.contact) == (BACK.title, BACK.contact)
    assert version.schedule == BACK.schedule


def test_paused_time_is_not_active_time(store, clock):
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.record(engine.start())
    clock.advance(3)
    recorder.record(engine.pause())
    clock.advance(600)
    recorder.record(engine.resume())
    clock.advance(2)
    recorder.record(engine.stop("pain got sharp"))
    row = stored(store, recorder)
    assert (row.status, row.stop_reason) == ("stopped", "pain got sharp")
    assert row.active_seconds == pytest.approx(5.0)


def test_pain_before_given_after_the_start_is_written(store, clock):
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.record(engine.start())
    recorder.set_pain_before(0)
    assert stored(store, recorder).pain_before == 0
    with pytest.raises(ValueError):
        recorder.set_pain_before(11)


def test_nothing_is_written_for_a_session_that_never_started(store, clock):
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.set_pain_before(4)
    recorder.finish(pain_after=2, note="changed my mind")
    assert store.count() == 0


def test_an_unavailable_log_leaves_the_timer_running_with_a_problem_to_show(tmp_path, clock):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder.open(BACK_FILE, engine, blocker / "log.sqlite3")
    recorder.record(engine.start())
    drive(recorder, engine, clock)
    recorder.finish(pain_after=2)
    assert engine.snapshot().finished
    assert not recorder.flush(10)
    assert "cannot be created" in recorder.problem and "not being saved" in recorder.problem


def test_a_full_disk_keeps_the_session_in_memory_and_saves_it_when_there_is_room(
    store, clock, monkeypatch
):
    full = [False]
    real_save_in = LogStore._save_in

    def save_in(self, *args, **kwargs):  # a disk that fills and frees, as SQLite reports it
        if full[0]:
            raise sqlite3.OperationalError("database or disk is full")
        return real_save_in(self, *args, **kwargs)

    monkeypatch.setattr(LogStore, "_save_in", save_in)
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.record(engine.start())
    recorder.set_pain_before(5)
    assert recorder.flush(10)
    full[0] = True
    recorder.finish(note="x" * 50_000)  # fails on the full disk; the note is kept
    assert not recorder.flush(10)
    assert "disk is full" in recorder.problem
    drive(recorder, engine, clock, until_steps=1)
    assert not recorder.flush(10) and "disk is full" in recorder.problem
    full[0] = False  # space freed: the next step boundary writes everything
    drive(recorder, engine, clock)
    row = stored(store, recorder)
    assert recorder.problem == ""
    assert (row.status, row.steps_done, len(row.steps)) == ("completed", 3, 3)
    assert row.note == "x" * 50_000
    assert row.pain_before == 5


def test_a_log_that_cannot_open_at_the_start_is_retried_at_each_boundary(store, clock, monkeypatch):
    """The disk is full when the session starts: SQLite says "disk I/O error" (its -shm file
    cannot grow); the patient is told "disk is full", and the session is saved once it frees."""
    from homecare.log import store as store_module

    full = [True]

    def opener(path):
        if full[0]:
            error = sqlite3.OperationalError("disk I/O error")
            raise store_module.LogUnavailable(store_module.explain(error, path))
        return open_store(path)

    monkeypatch.setattr(store_module, "_disk_full", lambda path: full[0])
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store.path, BACK_FILE, engine, opener=opener)
    recorder.record(engine.start())
    drive(recorder, engine, clock, until_steps=1)
    assert not recorder.flush(10)
    assert "the disk is full" in recorder.problem and "not being saved yet" in recorder.problem
    assert store.count() == 0
    full[0] = False
    drive(recorder, engine, clock)
    row = stored(store, recorder)
    assert recorder.problem == ""
    assert (row.status, row.steps_done, len(row.steps)) == ("completed", 3, 3)


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("database or disk is full", "the disk is full"),
        ("attempt to write a readonly database", "read-only"),
        ("database is locked", "another program is keeping the log busy"),
        ("database disk image is malformed", "malformed"),
    ],
)
def test_the_patient_is_told_the_cause_in_words(tmp_path, message, words):
    from homecare.log.store import explain

    assert words in explain(sqlite3.OperationalError(message), tmp_path / "log.sqlite3")


def test_a_log_damaged_mid_session_is_set_aside_and_the_session_written_to_a_new_one(
    store, clock, monkeypatch
):
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.record(engine.start())
    drive(recorder, engine, clock, until_steps=1)
    assert recorder.flush(10)
    real_save_in = LogStore._save_in

    def damaged_once(self, *args, **kwargs):
        monkeypatch.setattr(LogStore, "_save_in", real_save_in)
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(LogStore, "_save_in", damaged_once)
    drive(recorder, engine, clock)
    assert recorder.flush(10)
    assert "damaged" in recorder.notice and recorder.problem == ""
    kept = [p for p in store.path.parent.glob("*damaged*") if p.suffix == ".sqlite3"]
    assert len(kept) == 1 and kept[0].name in recorder.notice
    with open_store() as fresh:
        row = stored(fresh, recorder)
    assert (row.status, row.steps_done, len(row.steps)) == ("completed", 3, 3)


def test_active_time_is_the_engines_including_time_the_computer_slept(store, clock):
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.record(engine.start())
    clock.advance(20)  # into the contract
    clock.suspend(30)  # the laptop sleeps: the monotonic clock stops, the wall clock does not
    recorder.record(engine.update())  # PIR done at 35 s while asleep; now 15 s into the ice
    assert stored(store, recorder).active_seconds == pytest.approx(50.0)
    clock.advance(5)
    recorder.record(engine.stop("pain got sharp"))
    row = stored(store, recorder)
    assert row.active_seconds == pytest.approx(engine.snapshot().active_seconds) == 55.0
    assert (row.steps_done, row.status) == (1, "stopped")


def test_a_session_found_over_late_logs_the_engines_exact_end(store, clock):
    timed_only = compile_plan(replace(BACK, steps=BACK.steps[::2]))  # no pack to put on
    engine = Engine(timed_only, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.record(engine.start())
    clock.suspend(timed_only.total_seconds + 600)  # slept through the whole routine and more
    recorder.record(engine.update())
    row = stored(store, recorder)
    assert row.status == "completed" and row.active_seconds == timed_only.total_seconds


def test_each_go_on_despite_the_safety_check_is_a_sentence_of_the_override():
    cold = Caution("ice", "body feels cold", "Ice is not advised while ...")
    decisions = [
        Decision(1, "ice", (cold,), skipped=False),
        Decision(1, "ice", (cold,), skipped=True),  # a skip is a skipped step, not a note
        Decision(1, "ice", (), skipped=False),  # nothing to go on against
    ]
    assert safety_override(BACK, decisions) == "Ice: safety check: body feels cold; went on anyway."
    assert safety_override(BACK, []) == ""


@pytest.mark.parametrize("step", [600, -3 * 3600])
def test_a_clock_changed_mid_session_keeps_the_logs_times_consistent_and_says_so(
    store, clock, step
):
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder(store, BACK_FILE, engine)
    recorder.record(engine.start())
    clock.advance(20)
    clock.set_wall(step)  # a time sync, or the clock set by hand, forward or back
    drive(recorder, engine, clock)
    recorder.finish(pain_after=2, note="fine")
    row = stored(store, recorder)
    assert row.status == "completed"
    assert row.active_seconds == BACK_PLAN.total_seconds  # no phase cut short or stretched
    assert (row.ended - row.started).total_seconds() == BACK_PLAN.total_seconds
    assert row.note.startswith("The computer's clock was changed during this session by ")
    assert row.note.endswith(" fine")
    sign = "+10 min 0 s" if step > 0 else "-180 min 0 s"
    assert sign in row.note
