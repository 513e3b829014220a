"""Forward migrations: a version-1 log upgrades with every session kept."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from homecare.base.locations import log_path
from homecare.log.schema import CURRENT_VERSION, MIGRATIONS, migrate, schema_version
from homecare.log.store import LogUnavailable, open_store

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "log-v1.sql"


def write_v1_log(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    connection.close()


def test_a_new_log_is_at_the_current_version():
    with open_store() as store:
        assert store.count() == 0
    connection = sqlite3.connect(log_path())
    assert schema_version(connection) == CURRENT_VERSION == len(MIGRATIONS)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_version_1_log_upgrades_keeping_every_session_and_step():
    write_v1_log(log_path())
    with open_store() as store:
        sessions = {s.id: s for s in store.sessions(with_steps=True)}
        routines = store.routines()
    assert sorted(sessions) == [1, 2, 3]
    berlin = sessions[1]
    # 21:30 UTC at +02:00 is 23:30 on 30 June in Berlin: v2 backfilled the local day from that.
    assert berlin.started.isoformat() == "2025-06-30T23:30:00+02:00"
    assert berlin.local_day == date(2025, 6, 30)
    assert berlin.skipped[0].reason == "safety check: body feels cold"
    assert (berlin.pain_before, berlin.pain_after, berlin.note) == (6, 4, "felt looser")
    new_york = sessions[2]
    assert new_york.started.isoformat() == "2025-07-01T22:15:00-04:00"
    # Its process (pid 4243 with another start marker) is gone: no longer "running".
    assert new_york.status == "interrupted"
    assert new_york.ended == new_york.started.replace(minute=20)
    assert sessions[3].note == "line one\nline two"
    # v2's routine table was filled from the sessions; schedules were not known before v2.
    assert routines["ice-lower-back"].title == "Ice | lower back <b>"
    assert routines["lower-back-pir"].schedule is None


def test_local_day_backfill_matches_the_local_day_the_store_computes():
    write_v1_log(log_path())
    with open_store() as store:
        for session in store.sessions():
            row = store._connection.execute(
                "SELECT local_day FROM sessions WHERE id = ?", (session.id,)
            ).fetchone()
            assert row[0] == session.started.date().isoformat()


def test_migrating_twice_does_nothing_the_second_time():
    connection = sqlite3.connect(":memory:", isolation_level=None)
    assert migrate(connection, target=1) == 0
    assert migrate(connection) == 1
    assert migrate(connection) == CURRENT_VERSION
    assert schema_version(connection) == CURRENT_VERSION


def test_a_failed_migration_leaves_the_log_as_it_was(monkeypatch):
    write_v1_log(log_path())

    def broken(connection):
        connection.execute("ALTER TABLE sessions ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("simulated failure halfway through a migration")

    import homecare.log.schema as schema

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    connection = sqlite3.connect(log_path(), isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection, target=2)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(sessions)")]
    assert "half_done" not in columns
    assert schema_version(connection) == 1
    connection.close()


def test_a_log_from_a_newer_homecare_is_refused_untouched():
    path = log_path()
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    connection.close()
    with pytest.raises(LogUnavailable, match="newer homecare"):
        open_store()
    assert schema_version(sqlite3.connect(path)) == CURRENT_VERSION + 1
