"""The log under real faults: damage found at any moment, recovery, a log that cannot be
written at the start. (A held write lock: tests/plain/test_plain.py; the clock: tests/session/test_engine.py.)"""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace

from homecare.base.locations import log_path
from homecare.cli import main
from homecare.log.recorder import SessionRecorder
from homecare.log.store import open_store
from homecare.plain.runner import PlainRunner
from homecare.plain.terminal import Style
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine

from .damage import damaged_log
from .routines import BACK_FILE, BACK_PLAN

PIPE = Style(redraw=False, colour=False, bells=False, countdown_beeps=False, ask=False)


def kept_files():
    return sorted(p for p in log_path().parent.glob("log-damaged-*") if p.suffix == ".sqlite3")


def test_history_over_a_log_damaged_in_the_middle_moves_it_aside_and_says_so(capsys):
    damaged_log()
    assert main(["history"]) == 0
    err = capsys.readouterr().err
    (kept,) = kept_files()
    assert "The session log was damaged" in err and str(kept) in err
    assert "Traceback" not in err
    assert log_path().exists() and kept.stat().st_size > 1_000_000  # kept, never deleted


def test_report_over_a_log_damaged_in_the_middle_moves_it_aside_and_says_so(capsys):
    damaged_log()
    assert main(["report", "--since", "2020-01-01", "--format", "csv"]) == 0
    err = capsys.readouterr().err
    (kept,) = kept_files()
    assert "The session log was damaged" in err and str(kept) in err


def test_a_plain_session_on_a_damaged_log_says_so_and_is_written_whole_to_a_new_log():
    damaged_log()
    clock = FakeClock()
    engine = Engine(BACK_PLAN, clock)
    recorder = SessionRecorder.open(BACK_FILE, engine)
    out = io.StringIO()

    class Lines:
        def get(self, timeout):
            clock.advance(timeout if timeout is not None else 0)
            if timeout is None:
                return ""  # confirm the untimed phases
            return None

    runner = PlainRunner(engine, Lines(), out, PIPE, recorder)
    assert runner.run() == 0
    assert recorder.close(30)
    runner.tell_log()  # as run_plain does after the last write
    (kept,) = kept_files()
    assert f"Log: The session log was damaged. It was kept as {kept}" in out.getvalue()
    with open_store() as store:
        (session,) = store.sessions(with_steps=True)
    assert session.status == "completed" and len(session.steps) == len(BACK_PLAN.routine.steps)


def test_recover_copies_every_readable_session_once(capsys):
    damaged_log(sessions=3000)
    with open_store() as store:
        store.count()  # finds the damage: the log is moved aside, a new one started
        assert store.count() == 0
    (kept,) = kept_files()
    assert main(["log", "recover", str(kept)]) == 0
    out = capsys.readouterr().out
    with open_store() as store:
        recovered = store.count()
        sessions = store.sessions(with_steps=True)
    assert 1000 < recovered < 3000  # the overwritten pages are lost, the rest is back
    assert f"copied {recovered:,} into your log" in out and "could not be read" in out
    assert all(
        len(s.steps) == s.steps_done + s.steps_skipped + s.steps_excused for s in sessions[:50]
    )
    assert main(["log", "recover", str(kept)]) == 0  # twice: nothing is copied again
    assert f"copied 0 into your log ({recovered:,} were there already)" in capsys.readouterr().out
    with open_store() as store:
        assert store.count() == recovered


def test_recover_refuses_the_log_in_use_and_a_file_that_is_not_a_log(tmp_path, capsys):
    open_store().close()
    assert main(["log", "recover", str(log_path())]) == 2
    assert "is the log in use" in capsys.readouterr().err
    other = tmp_path / "notes.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE notes (text)").connection.close()
    assert main(["log", "recover", str(other)]) == 2
    assert "not a homecare log" in capsys.readouterr().err


def test_recover_marks_a_session_left_running_as_interrupted():
    from datetime import datetime, timezone

    from .factories import finished

    started = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    path = log_path().with_name("old.sqlite3")
    with open_store(path) as old:
        from dataclasses import replace

        old.save(replace(finished(started), status="running", ended=None), started)
    from homecare.log.recover import recover

    with open_store() as store:
        assert recover(path, store).copied == 1
        (session,) = store.sessions()
    assert session.status == "interrupted" and session.ended == started


def test_recover_keeps_the_psfs_taken_with_a_session():
    from datetime import datetime, timezone

    from homecare.log.recover import recover
    from homecare.log.store import PsfsRating

    from .factories import finished

    ratings = (PsfsRating(0, "Socks", 3), PsfsRating(1, "Stairs", 7))
    session = replace(finished(datetime(2026, 1, 5, 9, tzinfo=timezone.utc)), psfs=ratings)
    path = log_path().with_name("old.sqlite3")
    with open_store(path) as old:
        old.save(session, session.ended)
    with open_store() as store:
        assert recover(path, store).copied == 1
        (copied,) = store.sessions(with_steps=True)
    assert copied.psfs == ratings


def test_opening_never_waits_for_a_log_another_program_keeps_busy(monkeypatch):
    """A session of a dead process is due to be marked interrupted, but another program holds
    the write lock: opening goes on at once (the app opens the log on its screen's thread) and
    the next opening marks it."""
    from dataclasses import replace
    from datetime import datetime, timezone

    from homecare.log import store as store_module

    from .factories import finished

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 2.0)  # waiting would fail
    started = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    with open_store() as store:
        session_id = store.save(replace(finished(started), status="running", ended=None), started)
        store._connection.execute("UPDATE sessions SET pid = 0, process_marker = NULL")
    holder = sqlite3.connect(log_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store() as store:
            assert store.session(session_id).status == "running"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open_store() as store:
        assert store.session(session_id).status == "interrupted"
