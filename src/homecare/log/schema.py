"""The log's tables and their forward migrations.

The schema version lives in SQLite's ``PRAGMA user_version``. A new log runs every migration in
order, so the path from version 1 is exercised by every fresh database as well as by the tests'
frozen version-1 fixture. Migrations only ever move forward and never drop patient data; a log
written by a newer homecare is refused rather than guessed at.

Version 1 is the first schema. Version 2 adds what the clinician's report needs: the patient's
local day of each session (indexed, for adherence per day), why a session was stopped, and a
table of the routine versions used, with their schedule, so a report can be written even when a
routine file is gone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    routine_id TEXT NOT NULL,
    title TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    started_utc TEXT NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    updated_utc TEXT NOT NULL,
    ended_utc TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    planned_seconds REAL NOT NULL,
    active_seconds REAL NOT NULL DEFAULT 0,
    steps_done INTEGER NOT NULL DEFAULT 0,
    steps_skipped INTEGER NOT NULL DEFAULT 0,
    steps_total INTEGER NOT NULL,
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    note TEXT NOT NULL DEFAULT '',
    app_version TEXT NOT NULL,
    pid INTEGER,
    process_marker TEXT
);
CREATE INDEX sessions_by_start ON sessions (started_utc);
CREATE INDEX sessions_running ON sessions (status) WHERE status = 'running';
CREATE TABLE steps (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped')),
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, step_index)
) WITHOUT ROWID;
"""

_V2 = """
ALTER TABLE sessions ADD COLUMN local_day TEXT;
ALTER TABLE sessions ADD COLUMN stop_reason TEXT NOT NULL DEFAULT '';
UPDATE sessions SET local_day = date(started_utc, printf('%+d minutes', utc_offset_minutes));
CREATE INDEX sessions_by_routine_day ON sessions (routine_id, local_day, status);
CREATE INDEX sessions_by_day ON sessions (local_day);
CREATE TABLE routines (
    content_hash TEXT PRIMARY KEY,
    routine_id TEXT NOT NULL,
    title TEXT NOT NULL,
    prescribed_by TEXT NOT NULL DEFAULT '',
    patient TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    schedule_json TEXT,
    first_used_utc TEXT NOT NULL
);
INSERT OR IGNORE INTO routines (content_hash, routine_id, title, first_used_utc)
    SELECT content_hash, routine_id, title, min(started_utc) FROM sessions GROUP BY content_hash;
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(connection: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                connection.execute(statement)

    return apply


# MIGRATIONS[n] takes a database from version n to version n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_script(_V1), _script(_V2))
CURRENT_VERSION = len(MIGRATIONS)


class NewerLogError(Exception):
    """The log was written by a newer homecare than this one."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def schema_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, target: int = CURRENT_VERSION) -> int:
    """Bring the log up to ``target`` in one write transaction; return the version found.

    The version is read again inside the transaction, so two processes opening an old log at
    the same moment migrate it once. ``connection`` must be in autocommit mode.
    """
    found = schema_version(connection)
    if found > CURRENT_VERSION:
        raise NewerLogError(found)
    if found >= target:
        return found
    connection.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(connection)
        for version in range(found, target):
            MIGRATIONS[version](connection)
        connection.execute(f"PRAGMA user_version = {max(found, target)}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:  # SQLite already rolled back after some errors
            connection.execute("ROLLBACK")
        raise
    return found
