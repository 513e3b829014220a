"""The store: what a session row keeps, and every way the log file can fail."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from homecare.base.locations import log_path
from homecare.log.store import LogUnavailable, RoutineVersion, StepOutcome, open_store
from homecare.routine.model import Schedule

from .factories import EXCUSED_ICE, finished

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_session_round_trips_with_utc_storage_and_local_display(store):
    started = datetime(2026, 3, 1, 8, 5, tzinfo=BERLIN)
    session = finished(started, pain_before=7, pain_after=5, note="tight today", steps_skipped=1)
    session_id = store.save(session, started, [StepOutcome(0, "PIR", "done"), EXCUSED_ICE])
    stored = store.session(session_id)
    assert stored.started == started and stored.started.utcoffset() == timedelta(hours=1)
    assert stored.ended == started + timedelta(minutes=12)
    assert (stored.pain_before, stored.pain_after, stored.note) == (7, 5, "tight today")
    assert stored.skipped == (EXCUSED_ICE,)
    raw = store._connection.execute(
        "SELECT started_utc, utc_offset_minutes FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    assert raw == ("2026-03-01 07:05:00", 60)


def test_the_stage_and_each_steps_rating_round_trip_and_are_checked(store):
    started = datetime(2026, 3, 1, 8, 5, tzinfo=BERLIN)
    session = replace(finished(started), stage=2, stage_name="Weeks 3-4")
    rated = StepOutcome(0, "PIR", "done", feedback="painful")
    stored = store.session(store.save(session, started, [rated, StepOutcome(1, "Ice", "done")]))
    assert (stored.stage, stored.stage_name) == (2, "Weeks 3-4")
    assert [step.feedback for step in stored.steps] == ["painful", None]
    with pytest.raises(LogUnavailable, match="CHECK constraint failed: feedback"):
        store.save(session, started, [replace(rated, feedback="fine")])


def test_saving_again_updates_the_same_row_and_adds_steps(store):
    started = datetime(2026, 3, 1, 8, 5, tzinfo=timezone.utc)
    running = finished(started, status="running", ended=None, steps_done=0)
    session_id = store.save(running, started, [])
    one_step = replace(running, id=session_id, steps_done=1)
    store.save(one_step, started, [StepOutcome(0, "a", "done")])
    # Repeating a write (as after a failed one) changes nothing.
    store.save(one_step, started, [StepOutcome(0, "a", "done")])
    assert store.count() == 1
    assert store.session(session_id).steps_done == 1
    assert len(store.session(session_id).steps) == 1


def test_queries_filter_by_local_day_and_routine_newest_first(store):
    base = datetime(2026, 5, 1, 9, 0, tzinfo=BERLIN)
    store.add_sessions(
        [finished(base + timedelta(days=n), routine_id=("a" if n % 2 else "b")) for n in range(6)]
    )
    newest = store.sessions(since=date(2026, 5, 3), routine_id="a")
    assert [s.local_day.day for s in newest] == [6, 4]
    assert store.count(since=date(2026, 5, 3)) == 4
    assert len(store.sessions(limit=2)) == 2


def test_routine_versions_keep_the_schedule(store):
    schedule = Schedule(times_per_day=2, days=("mon", "thu"), start=date(2026, 1, 5), weeks=6)
    version = RoutineVersion("h1", "pir", "PIR", "Dr. A", "Pat", "555", schedule)
    store.save(
        finished(datetime(2026, 1, 5, 9, tzinfo=timezone.utc), "pir", content_hash="h1"),
        datetime(2026, 1, 5, 9, tzinfo=timezone.utc),
        routine=version,
    )
    assert store.routines()["pir"] == version


def test_a_missing_folder_is_created():
    path = log_path()
    assert not path.parent.exists()
    with open_store() as store:
        assert store.path == path and path.exists()


def test_a_folder_that_cannot_exist_gives_a_clear_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(LogUnavailable, match="cannot be created.*--data-dir") as caught:
        open_store(blocker / "data" / "log.sqlite3")
    assert str(blocker / "data") in str(caught.value)


def test_a_damaged_log_is_kept_aside_and_a_new_one_started():
    path = log_path()
    path.parent.mkdir(parents=True)
    garbage = b"this was a log once" * 500
    path.write_bytes(garbage)
    with open_store() as store:
        assert store.count() == 0
        assert "damaged" in store.notice
    kept = [p for p in path.parent.iterdir() if "damaged" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    assert str(kept[0]) in store.notice
    with open_store() as again:  # the new log is fine; nothing more is moved
        assert again.notice == ""
    assert len([p for p in path.parent.iterdir() if "damaged" in p.name]) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_new_log_started_after_a_damaged_one_is_private_too():
    # It used to be created by SQLite with the umask's mode (0o644: readable by all).
    path = log_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this was a log once" * 500)
    with open_store() as store:
        assert "damaged" in store.notice
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_log_with_a_damaged_schema_is_kept_aside(store):
    store.add_sessions([finished(datetime(2026, 1, 5, 9, tzinfo=timezone.utc))])
    store.close()
    data = bytearray(log_path().read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # page 1 holds the schema
    log_path().write_bytes(bytes(data))
    with open_store() as fresh:
        assert "damaged" in fresh.notice and fresh.count() == 0


def test_a_full_disk_fails_the_write_with_a_clear_message_and_keeps_what_was_saved(store):
    started = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    store.save(finished(started, note="saved before the disk filled"), started)
    pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
    store._connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(LogUnavailable, match="disk is full. Free some space"):
        store.add_sessions([finished(started, note="x" * 100_000)])
    assert [s.note for s in store.sessions()] == ["saved before the disk filled"]


READ_ONLY_PROBE = """
import os, sys
from homecare.log.store import LogUnavailable, open_store
if os.name == "posix" and os.geteuid() == 0:
    os.setgid(65534); os.setuid(65534)  # root ignores permissions: test as "nobody"
try:
    open_store()
except LogUnavailable as error:
    print(error)
    raise SystemExit(3)
"""


def _read_only_folder_with_a_log():
    root = Path(tempfile.mkdtemp(prefix="homecare-ro-"))
    root.chmod(0o755)
    data = root / "data"
    with open_store(data / "log.sqlite3") as store:
        store.add_sessions([finished(datetime(2026, 1, 5, 9, tzinfo=timezone.utc))])
    for path in data.iterdir():
        path.chmod(0o444)
    data.chmod(0o555)
    return root, data


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_log_gives_a_clear_message():
    root, data = _read_only_folder_with_a_log()
    try:
        result = subprocess.run(
            [sys.executable, "-c", READ_ONLY_PROBE],
            env={**os.environ, "HOMECARE_DATA_DIR": str(data)},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 3, result.stdout + result.stderr
        assert "read-only" in result.stdout or "cannot be opened" in result.stdout
        assert str(data / "log.sqlite3") in result.stdout
        assert "Traceback" not in result.stderr
    finally:
        data.chmod(0o755)
        for path in data.iterdir():
            path.unlink()
        data.rmdir()
        root.rmdir()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_new_log_and_its_folder_are_private_and_an_old_logs_mode_is_kept(tmp_path):
    path = tmp_path / "data" / "log.sqlite3"
    with open_store(path) as store:
        store.count()
    assert path.stat().st_mode & 0o777 == 0o600  # health data: the owner's only
    assert path.parent.stat().st_mode & 0o777 == 0o700
    path.chmod(0o640)  # the patient chose to share it with their group
    with open_store(path) as store:
        store.count()
    assert path.stat().st_mode & 0o777 == 0o640
