"""Recovering sessions from a damaged log: every row that can still be read, into the log.

A damaged log set aside (``log-damaged-*.sqlite3``) is opened read-only and never changed. Rows
are read by ranges of rowid, each range a separate query: a range that meets a damaged page is
split in two and each half read again, down to single rows, so one bad page costs only the rows
on it. This is what SQLite's ``.recover`` does page by page, done here with the ``sqlite3``
module alone (the ``sqlite3`` command-line tool is often not installed). ``iterdump`` would stop
at the first damaged page, and the backup API copies the damage along.

Sessions already in the log (the same routine version started at the same second) are not
copied again, so recovering twice changes nothing. A session that was still running in the
damaged file is copied as interrupted, ending at its last step boundary.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from homecare.base.errors import UserError
from homecare.log.outcome import judge
from homecare.log.store import (
    _SESSION_COLUMNS,
    LogStore,
    PsfsRating,
    RoutineVersion,
    Session,
    StepOutcome,
    _session_from_row,
    from_utc_text,
    schedule_from_json,
    utc_text,
)

CHUNK = 1000  # rowids per query while all is well
_STATUSES = {"running", "completed", "stopped", "interrupted"}
# Columns an older log may lack; a session without a verdict is judged from its steps.
_DEFAULTS = {
    "stop_reason": "''",
    "local_day": "NULL",
    "steps_excused": "0",
    "safety_override": "''",
    "stage_name": "''",
}
_STEP_COLUMNS = (
    "step_index",
    "name",
    "outcome",
    "reason",
    "exercise_seconds",
    "exercise_planned_seconds",
    "feedback",
)


@dataclass(frozen=True)
class Recovered:
    found: int  # sessions read from the damaged file
    copied: int  # of those, written to the log
    skipped_ranges: int  # rowid ranges that could not be read (damaged pages)


def recover(damaged: Path, store: LogStore) -> Recovered:
    """Copy every readable session (with its steps and routine versions) from ``damaged``."""
    if damaged.resolve() == store.path.resolve():
        raise UserError(f"{damaged} is the log in use; name the damaged copy that was set aside.")
    if not damaged.is_file():
        raise UserError(f"{damaged} is not a file.")
    source = sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)
    try:
        reader = _Reader(source, damaged)
        sessions = list(reader.sessions())
        routines = reader.routines()
    finally:
        source.close()
    known = store.known_starts()
    new = [s for s in sessions if (s.content_hash, utc_text(s.started)) not in known]
    store.add_sessions(new, routines)
    return Recovered(len(sessions), len(new), reader.skipped)


class _Reader:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._path = path
        self.skipped = 0
        self._step_columns: set[str] = set()
        self._has_psfs = False

    def _columns(self, table: str) -> set[str]:
        try:
            rows = self._connection.execute(f"PRAGMA table_info({table})").fetchall()
        except sqlite3.DatabaseError as error:
            raise UserError(
                f"{self._path} cannot be read at all ({error}): its list of tables is damaged, "
                "so no session can be recovered from it."
            ) from error
        return {row[1] for row in rows}

    def _rows(self, table: str, columns: str, low: int, high: int) -> list[tuple]:
        """Rows with rowid from ``low`` to ``high``; a range that fails is halved and retried."""
        try:
            return self._connection.execute(
                f"SELECT {columns} FROM {table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                (low, high),
            ).fetchall()
        except sqlite3.DatabaseError:
            if low == high:
                self.skipped += 1
                return []
            middle = (low + high) // 2
            return self._rows(table, columns, low, middle) + self._rows(
                table, columns, middle + 1, high
            )

    def _all_rows(self, table: str, columns: str) -> Iterator[tuple]:
        try:
            last = self._connection.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        except sqlite3.DatabaseError:  # the table's last page is damaged: bound by the file
            last = self._connection.execute("PRAGMA page_count").fetchone()[0] * 100
        for low in range(1, last + 1, CHUNK):
            yield from self._rows(table, columns, low, min(low + CHUNK - 1, last))

    def sessions(self) -> Iterator[Session]:
        self._step_columns = self._columns("steps")
        self._has_psfs = bool(self._columns("psfs"))
        present = self._columns("sessions")
        if not present:
            raise UserError(f"{self._path} has no sessions table: it is not a homecare log.")
        wanted = [name.strip() for name in _SESSION_COLUMNS.split(",")] + ["updated_utc"]
        columns = ", ".join(n if n in present else _DEFAULTS.get(n, "NULL") for n in wanted)
        for row in self._all_rows("sessions", columns):
            try:
                session = _session_from_row(row[:-1])
            except (TypeError, ValueError):  # a row readable but garbled
                session = None
            if session is None or session.status not in _STATUSES:
                self.skipped += 1
                continue
            if session.status == "running":
                ended = from_utc_text(row[-1], row[5])
                session = replace(session, status="interrupted", ended=ended)
            steps = self._steps(row[0])
            if session.outcome is None:
                session = replace(session, outcome=judge(session.steps_total, steps))
            yield replace(session, id=None, steps=steps, psfs=self._psfs(row[0]))

    def _steps(self, session_id: int) -> tuple[StepOutcome, ...]:
        present = self._step_columns
        columns = ", ".join(
            name if name in present else ("NULL" if name == "feedback" else "0")
            for name in _STEP_COLUMNS
        )
        try:
            rows = self._connection.execute(
                f"SELECT {columns} FROM steps WHERE session_id = ? ORDER BY step_index",
                (session_id,),
            ).fetchall()
        except sqlite3.DatabaseError:
            self.skipped += 1
            return ()
        return tuple(StepOutcome(*row) for row in rows)

    def _psfs(self, session_id: int) -> tuple[PsfsRating, ...]:
        """The session's PSFS ratings (a log before version 4 has none); a garbled row is
        left out rather than refused by the new log."""
        if not self._has_psfs:
            return ()
        try:
            rows = self._connection.execute(
                "SELECT activity_index, activity, score FROM psfs WHERE session_id = ? "
                "ORDER BY activity_index",
                (session_id,),
            ).fetchall()
        except sqlite3.DatabaseError:
            self.skipped += 1
            return ()
        return tuple(
            PsfsRating(*row)
            for row in rows
            if type(row[0]) is int
            and 0 <= row[0] <= 4
            and isinstance(row[1], str)
            and type(row[2]) is int
            and 0 <= row[2] <= 10
        )

    def routines(self) -> list[RoutineVersion]:
        if "content_hash" not in self._columns("routines"):
            return []  # a version-1 log kept no routine versions
        columns = "content_hash, routine_id, title, prescribed_by, patient, contact, schedule_json"
        found = []
        for content_hash, routine_id, title, by, patient, contact, schedule in self._all_rows(
            "routines", columns
        ):
            try:
                parsed = schedule_from_json(schedule)
            except (ValueError, KeyError, TypeError):
                parsed = None
            found.append(
                RoutineVersion(content_hash, routine_id, title, by, patient, contact, parsed)
            )
        return found
