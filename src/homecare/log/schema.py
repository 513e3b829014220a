"""The log's tables and their forward migrations.

The schema version lives in SQLite's ``PRAGMA user_version``. A new log runs every migration in
order, so the path from version 1 is exercised by every fresh database as well as by the tests'
frozen version-1 fixture. Migrations only ever move forward and never drop patient data; a log
written by a newer homecare is refused rather than guessed at.

Version 1 is the first schema. Version 2 adds what the clinician's report needs: the patient's
local day of each session (indexed, for adherence per day), why a session was stopped, and a
table of the routine versions used, with their schedule, so a report can be written even when a
routine file is gone.

Version 3 makes the record honest (docs/log.md, homecare.log.outcome): each step's outcome can be
``excused`` by the safety check or ``stopped`` part-way, with how much of its exercise time was
done; each session keeps its verdict (done, partly done, not done), its excused steps and any
safety override as its own field (it used to be glued onto the note); each routine version keeps
its ``issued`` and import dates and whether it was a bundled example, to know when it started.

Version 4 follows a prescription through (routine format 3): each session keeps the routine stage
it ran (its number from 1 and its name; NULL and "" for a routine without stages), each step the
patient's one-key rating of it (easy, right, hard or painful; NULL when not asked or not
answered), and a ``psfs`` table holds the Patient-Specific Functional Scale: one row per activity
rated, 0 (unable) to 10 (as before the problem), taken at the start of a session.
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


_V3 = """
CREATE TABLE steps_v3 (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'excused', 'stopped')),
    reason TEXT NOT NULL DEFAULT '',
    exercise_seconds REAL NOT NULL DEFAULT 0,
    exercise_planned_seconds REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, step_index)
) WITHOUT ROWID;
INSERT INTO steps_v3 (session_id, step_index, name, outcome, reason)
    SELECT session_id, step_index, name,
        CASE WHEN outcome = 'skipped' AND reason LIKE 'safety check:%' THEN 'excused'
             ELSE outcome END,
        reason
    FROM steps;
DROP TABLE steps;
ALTER TABLE steps_v3 RENAME TO steps;
ALTER TABLE sessions ADD COLUMN steps_excused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN outcome TEXT NOT NULL DEFAULT 'not_done'
    CHECK (outcome IN ('done', 'partly_done', 'not_done'));
ALTER TABLE sessions ADD COLUMN safety_override TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_routine_outcome ON sessions (routine_id, outcome, local_day);
ALTER TABLE routines ADD COLUMN issued TEXT;
ALTER TABLE routines ADD COLUMN imported TEXT;
ALTER TABLE routines ADD COLUMN origin TEXT
"""
_WENT_ON = "; went on anyway."

_V4 = """
ALTER TABLE sessions ADD COLUMN stage INTEGER CHECK (stage >= 1);
ALTER TABLE sessions ADD COLUMN stage_name TEXT NOT NULL DEFAULT '';
ALTER TABLE steps ADD COLUMN feedback TEXT
    CHECK (feedback IN ('easy', 'right', 'hard', 'painful'));
CREATE TABLE psfs (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    activity_index INTEGER NOT NULL CHECK (activity_index BETWEEN 0 AND 4),
    activity TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (session_id, activity_index)
) WITHOUT ROWID
"""


def _v3(connection: sqlite3.Connection) -> None:
    """The new tables and columns, then each old session's verdict by the one rule."""
    from homecare.log.outcome import session_outcome

    _script(_V3)(connection)
    rows = connection.execute(
        "SELECT id, steps_total, steps_done, "
        "(SELECT count(*) FROM steps WHERE session_id = id AND outcome = 'excused'), note "
        "FROM sessions"
    ).fetchall()
    updates = []
    for session_id, total, done, excused, note in rows:
        override, note = split_override(note)
        updates.append(
            (
                excused,
                excused,
                session_outcome(total, done, excused, done > 0),
                override,
                note,
                session_id,
            )
        )
    connection.executemany(
        "UPDATE sessions SET steps_excused = ?, steps_skipped = max(0, steps_skipped - ?), "
        "outcome = ?, safety_override = ?, note = ? WHERE id = ?",
        updates,
    )


def split_override(note: str) -> tuple[str, str]:
    """(safety override, the patient's own note) from a note written before version 3, which
    began with "<step>: safety check: <reasons>; went on anyway." for each such step."""
    if ": safety check: " not in note or _WENT_ON not in note:
        return "", note
    override, _, rest = note.rpartition(_WENT_ON)
    return (override + _WENT_ON).strip(), rest.strip()


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(connection: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                connection.execute(statement)

    return apply


# MIGRATIONS[n] takes a database from version n to version n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _script(_V1),
    _script(_V2),
    _v3,
    _script(_V4),
)
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
