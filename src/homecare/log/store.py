"""The session log: one SQLite file that never loses what the patient did.

Why it is built this way:
- WAL mode with ``synchronous=FULL``: every committed step boundary is on disk before the call
  returns, so a crash, a kill or a power cut keeps it; readers never block the writer.
- A busy timeout and ``BEGIN IMMEDIATE`` writes: two homecare processes writing at once wait for
  each other instead of failing, and nothing is lost.
- Times are stored in UTC (``YYYY-MM-DD HH:MM:SS``, SQLite's own format) with the local UTC
  offset at the start of the session, so a session is shown at the time of day the patient saw,
  and counted on the patient's local day, even across time zones and daylight-saving changes.
- Damage is handled in one place, whenever it is found (opening, reading or writing): the file is
  moved aside with its companions (never deleted) and a fresh log started (``_replace_damaged``);
  any other reason the log cannot be used becomes a ``LogUnavailable`` with a message a patient
  can act on. The fault model is in docs/log.md.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from homecare.base import locations
from homecare.base.errors import UserError
from homecare.log import liveness
from homecare.log.schema import CURRENT_VERSION, NewerLogError, migrate

if TYPE_CHECKING:  # imported when needed: `homecare history` never loads the routine model
    from homecare.routine.model import Schedule

BUSY_TIMEOUT_SECONDS = 15.0
_UTC_FORMAT = "%Y-%m-%d %H:%M:%S"


class LogUnavailable(UserError):
    """The session log cannot be opened or written; the message says why and what to do."""


class LogDamaged(LogUnavailable):
    """A write found the log damaged: it was set aside and a new, empty log started in its
    place, so the writer must write its whole session again. The message is the notice."""


@dataclass(frozen=True)
class StepOutcome:
    """What became of one step: ``done``, ``skipped``, ``excused`` by the safety check or
    ``stopped`` part-way (homecare.log.outcome), with the reason and the seconds of its timed
    exercise done and planned."""

    step_index: int
    name: str
    outcome: str
    reason: str = ""
    exercise_seconds: float = 0.0
    exercise_planned_seconds: float = 0.0
    feedback: str | None = None  # easy, right, hard or painful; None when not asked or answered


@dataclass(frozen=True)
class PsfsRating:
    """One activity of the Patient-Specific Functional Scale as rated at the start of a session:
    0 (unable to perform it) to 10 (as before the problem)."""

    activity_index: int  # 0 to 4, in the order asked
    activity: str
    score: int


@dataclass(frozen=True)
class RoutineVersion:
    """A routine file as it was when a session used it (identified by its content hash)."""

    content_hash: str
    routine_id: str
    title: str
    prescribed_by: str = ""
    patient: str = ""
    contact: str = ""
    schedule: Schedule | None = None
    issued: date | None = None  # the routine's own `issued` date
    imported: date | None = None  # the day it was imported into the patient's library
    origin: str | None = None  # "library", "example" or "file"; None in logs before version 3


@dataclass(frozen=True)
class Session:
    """One session, as stored. ``started`` and ``ended`` carry the patient's local offset."""

    routine_id: str
    title: str
    content_hash: str
    started: datetime
    planned_seconds: float
    steps_total: int
    app_version: str
    status: str = "running"
    ended: datetime | None = None
    active_seconds: float = 0.0
    steps_done: int = 0
    steps_skipped: int = 0
    pain_before: int | None = None
    pain_after: int | None = None
    note: str = ""
    stop_reason: str = ""
    steps_excused: int = 0  # left out by the safety check; not counted against the patient
    outcome: str = "not_done"  # done, partly_done or not_done (homecare.log.outcome)
    safety_override: str = ""  # ice or heat the patient went on with after a safety caution
    stage: int | None = None  # the routine stage it ran, from 1; None without stages
    stage_name: str = ""
    id: int | None = None
    steps: tuple[StepOutcome, ...] = field(default=(), compare=False)
    psfs: tuple[PsfsRating, ...] = field(default=(), compare=False)  # empty: not taken

    @property
    def local_day(self) -> date:
        return self.started.date()

    @property
    def skipped(self) -> tuple[StepOutcome, ...]:
        """Steps not done: skipped, excused or stopped part-way (each says which, and why)."""
        return tuple(step for step in self.steps if step.outcome != "done")


# ---------------------------------------------------------------------------------------------
# Time and schedule encoding


def utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("the log stores timezone-aware times only")
    return moment.astimezone(timezone.utc).strftime(_UTC_FORMAT)


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else round(offset.total_seconds() / 60)


def from_utc_text(text: str, minutes: int) -> datetime:
    utc = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
    return utc.astimezone(timezone(timedelta(minutes=minutes)))


def schedule_to_json(schedule: Schedule | None) -> str | None:
    if schedule is None:
        return None
    return json.dumps(
        {
            "times_per_day": schedule.times_per_day,
            "days": list(schedule.days),
            "start": schedule.start.isoformat() if schedule.start else None,
            "end": schedule.end.isoformat() if schedule.end else None,
            "weeks": schedule.weeks,
        }
    )


def schedule_from_json(text: str | None) -> Schedule | None:
    if not text:
        return None
    from homecare.routine.model import Schedule

    data = json.loads(text)
    return Schedule(
        times_per_day=data["times_per_day"],
        days=tuple(data["days"]),
        start=date.fromisoformat(data["start"]) if data["start"] else None,
        end=date.fromisoformat(data["end"]) if data["end"] else None,
        weeks=data["weeks"],
    )


# ---------------------------------------------------------------------------------------------
# Errors in words

_EXPLANATIONS = (
    (
        "disk is full",
        "the disk is full. Free some space; nothing already saved is lost, and "
        "this session is saved once there is room",
    ),
    (
        "readonly",
        "the log file or its folder is read-only. Check their permissions, or choose "
        "another folder with --data-dir or HOMECARE_DATA_DIR",
    ),
    (
        "unable to open",
        "the log file cannot be opened. Check that its folder exists and is "
        "writable, or choose another folder with --data-dir or HOMECARE_DATA_DIR",
    ),
    (
        "locked",
        "another program is keeping the log busy. Close other homecare windows; this "
        "session is saved as soon as the log is free",
    ),
)
_DAMAGED = ("not a database", "malformed", "corrupt")
# SQLite reports a full disk met while growing its -wal/-shm files as a plain "disk I/O error";
# with less free space than this in the log's folder, that error is taken as a full disk.
_NEARLY_FULL_BYTES = 1 << 20


def is_damaged(error: BaseException) -> bool:
    return isinstance(error, sqlite3.DatabaseError) and any(
        word in str(error).lower() for word in _DAMAGED
    )


def _disk_full(path: Path) -> bool:
    try:
        import shutil  # here: most commands never ask, and shutil costs ~2 ms to import

        return shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def explain(error: BaseException, path: Path) -> str:
    """A sentence a patient can act on, naming the file."""
    detail = str(error)
    lowered = detail.lower()
    if "disk i/o error" in lowered and _disk_full(path):
        lowered = "disk is full"
    for needle, advice in _EXPLANATIONS:
        if needle in lowered:
            return f"The session log {path} cannot be used: {advice}. ({detail})"
    return f"The session log {path} cannot be used: {detail}."


def damaged_notice(kept: Path | None) -> str:
    """What the patient is told when a damaged log was set aside: the file kept, and recovery."""
    if kept is None:
        return (
            "The session log was damaged; another homecare window has already set it aside "
            "and started a new log."
        )
    return (
        f"The session log was damaged. It was kept as {kept} and a new log was started; "
        f"`homecare log recover {kept}` copies every session that can still be read from it "
        "into the new log."
    )


T = TypeVar("T")


def _guarded(writes: bool) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Run a store method so that damage found by it is handled in one place.

    Damage sets the log aside and starts a new one (``LogStore._replace_damaged``); a read is
    then answered from the new log, a write raises ``LogDamaged`` so its caller can write its
    whole session again. Any other SQLite error becomes a ``LogUnavailable`` in words.
    """

    def decorate(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def guarded(self: LogStore, *args: Any, **kwargs: Any) -> T:
            for attempt in (1, 2):
                try:
                    return method(self, *args, **kwargs)
                except sqlite3.Error as error:
                    if not is_damaged(error) or attempt == 2:
                        raise LogUnavailable(explain(error, self.path)) from error
                    self._replace_damaged()
                    if writes:
                        raise LogDamaged(self.notice) from error
            raise AssertionError("unreachable: the second attempt returns or raises")

        return guarded

    return decorate


_reading = _guarded(writes=False)
_writing = _guarded(writes=True)


# ---------------------------------------------------------------------------------------------
# The store

_SESSION_COLUMNS = (
    "id, routine_id, title, content_hash, started_utc, utc_offset_minutes, ended_utc, status, "
    "planned_seconds, active_seconds, steps_done, steps_skipped, steps_total, pain_before, "
    "pain_after, note, app_version, stop_reason, steps_excused, outcome, safety_override, stage, "
    "stage_name"
)


def _session_from_row(row: tuple) -> Session:
    (
        id_,
        routine_id,
        title,
        content_hash,
        started,
        minutes,
        ended,
        status,
        planned,
        active,
        done,
        skipped,
        total,
        pain_before,
        pain_after,
        note,
        version,
        stop_reason,
        excused,
        outcome,
        override,
        stage,
        stage_name,
    ) = row
    return Session(
        id=id_,
        routine_id=routine_id,
        title=title,
        content_hash=content_hash,
        started=from_utc_text(started, minutes),
        ended=from_utc_text(ended, minutes) if ended else None,
        status=status,
        planned_seconds=planned,
        active_seconds=active,
        steps_done=done,
        steps_skipped=skipped,
        steps_total=total,
        pain_before=pain_before,
        pain_after=pain_after,
        note=note,
        app_version=version,
        stop_reason=stop_reason,
        steps_excused=excused,
        outcome=outcome,
        safety_override=override,
        stage=stage,
        stage_name=stage_name,
    )


class LogStore:
    """An open session log. Use ``open_store``; one store belongs to one thread."""

    def __init__(self, connection: sqlite3.Connection, path: Path, notice: str = "") -> None:
        self.path = path
        self.notice = notice  # e.g. a damaged log was set aside: tell the patient once
        self._connection = connection
        self._marker: str | None = None
        self._identity = _identity(path)  # which file this is, even after it is renamed

    def _replace_damaged(self) -> None:
        """Set this damaged log aside and continue on a new one; ``notice`` says so.

        If the file at ``path`` is no longer the one opened, another homecare has already set it
        aside: the new log there is healthy and is simply opened, never moved.
        """
        self._connection.close()  # Windows cannot rename an open file
        kept = set_aside(self.path) if _identity(self.path) == self._identity else None
        fresh = _connect_or_explain(self.path)
        self._connection, self._identity = fresh._connection, fresh._identity
        self.notice = damaged_notice(kept)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> LogStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One durable write transaction, taken at once so concurrent writers queue up."""
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            if connection.in_transaction:  # SQLite already rolled back after some errors
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------------

    @_writing
    def save(
        self,
        session: Session,
        updated: datetime,
        new_steps: Iterable[StepOutcome] = (),
        routine: RoutineVersion | None = None,
    ) -> int:
        """Insert ``session`` (``id`` None) or update it, with its new step outcomes; return id.

        Idempotent for a given state, so a write that failed (a full disk) can simply be
        repeated at the next step boundary.
        """
        with self._write() as connection:
            if routine is not None:
                self._remember_routine(connection, routine, utc_text(session.started))
            return self._save_in(connection, session, updated, new_steps)

    @_writing
    def add_sessions(
        self, sessions: Iterable[Session], routines: Iterable[RoutineVersion] = ()
    ) -> None:
        """Append finished sessions (with their ``steps``) in one transaction: for generated
        benchmark logs and imports, where one durable commit per session would be too slow."""
        sessions = list(sessions)
        first_used: dict[str, str] = {}
        for session in sessions:
            started = utc_text(session.started)
            known = first_used.get(session.content_hash, started)
            first_used[session.content_hash] = min(known, started)
        with self._write() as connection:
            for routine in routines:
                if routine.content_hash in first_used:
                    self._remember_routine(connection, routine, first_used[routine.content_hash])
            for session in sessions:
                self._save_in(connection, session, session.ended or session.started, session.steps)

    def _save_in(
        self,
        connection: sqlite3.Connection,
        session: Session,
        updated: datetime,
        new_steps: Iterable[StepOutcome],
    ) -> int:
        values = {
            "routine_id": session.routine_id,
            "title": session.title,
            "content_hash": session.content_hash,
            "started_utc": utc_text(session.started),
            "utc_offset_minutes": offset_minutes(session.started),
            "local_day": session.started.date().isoformat(),
            "updated_utc": utc_text(updated),
            "ended_utc": utc_text(session.ended) if session.ended else None,
            "status": session.status,
            "planned_seconds": session.planned_seconds,
            "active_seconds": session.active_seconds,
            "steps_done": session.steps_done,
            "steps_skipped": session.steps_skipped,
            "steps_total": session.steps_total,
            "pain_before": session.pain_before,
            "pain_after": session.pain_after,
            "note": session.note,
            "app_version": session.app_version,
            "stop_reason": session.stop_reason,
            "steps_excused": session.steps_excused,
            "outcome": session.outcome,
            "safety_override": session.safety_override,
            "stage": session.stage,
            "stage_name": session.stage_name,
        }
        if session.id is None:
            if self._marker is None:
                self._marker = liveness.process_marker() or ""
            values.update(pid=os.getpid(), process_marker=self._marker or None)
            names = ", ".join(values)
            marks = ", ".join(f":{name}" for name in values)
            cursor = connection.execute(f"INSERT INTO sessions ({names}) VALUES ({marks})", values)
            session_id = int(cursor.lastrowid or 0)  # an INSERT always sets it
        else:
            session_id = session.id
            assignments = ", ".join(f"{name} = :{name}" for name in values)
            cursor = connection.execute(
                f"UPDATE sessions SET {assignments} WHERE id = :id", {**values, "id": session_id}
            )
            if cursor.rowcount == 0:  # not in this log (a new one was started): write it whole
                return self._save_in(connection, replace(session, id=None), updated, new_steps)
        connection.executemany(
            "INSERT OR REPLACE INTO steps (session_id, step_index, name, outcome, reason, "
            "exercise_seconds, exercise_planned_seconds, feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    session_id,
                    s.step_index,
                    s.name,
                    s.outcome,
                    s.reason,
                    s.exercise_seconds,
                    s.exercise_planned_seconds,
                    s.feedback,
                )
                for s in new_steps
            ],
        )
        if session.psfs:  # the whole taking each time: at most five rows
            connection.execute("DELETE FROM psfs WHERE session_id = ?", (session_id,))
            connection.executemany(
                "INSERT INTO psfs (session_id, activity_index, activity, score) "
                "VALUES (?, ?, ?, ?)",
                [(session_id, r.activity_index, r.activity, r.score) for r in session.psfs],
            )
        return session_id

    @staticmethod
    def _remember_routine(
        connection: sqlite3.Connection, routine: RoutineVersion, when: str
    ) -> None:
        connection.execute(
            "INSERT INTO routines (content_hash, routine_id, title, prescribed_by, patient, "
            "contact, schedule_json, first_used_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (content_hash) DO UPDATE SET schedule_json = excluded.schedule_json, "
            "prescribed_by = excluded.prescribed_by, patient = excluded.patient, "
            "contact = excluded.contact WHERE routines.schedule_json IS NULL",
            (
                routine.content_hash,
                routine.routine_id,
                routine.title,
                routine.prescribed_by,
                routine.patient,
                routine.contact,
                schedule_to_json(routine.schedule),
                when,
            ),
        )
        connection.execute(
            "UPDATE routines SET issued = coalesce(issued, ?), imported = coalesce(imported, ?), "
            "origin = coalesce(origin, ?) WHERE content_hash = ?",
            (
                _day_text(routine.issued),
                _day_text(routine.imported),
                routine.origin,
                routine.content_hash,
            ),
        )

    @_reading
    def mark_interrupted(self) -> int:
        """Sessions left "running" by a process that is gone become "interrupted"; return count.

        Their end is the last step boundary that was recorded. This never waits for a log
        another program keeps busy (opening must not): the next opening marks them instead.
        """
        rows = self._connection.execute(
            "SELECT id, pid, process_marker FROM sessions WHERE status = 'running'"
        ).fetchall()
        gone = [(id_,) for id_, pid, marker in rows if not liveness.is_running(pid or 0, marker)]
        if not gone:
            return 0
        self._connection.execute("PRAGMA busy_timeout = 0")
        try:
            with self._write() as connection:
                connection.executemany(
                    "UPDATE sessions SET status = 'interrupted', ended_utc = updated_utc "
                    "WHERE id = ? AND status = 'running'",
                    gone,
                )
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            return 0
        finally:
            self._connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        return len(gone)

    # -- reading ------------------------------------------------------------------------------

    def _where(
        self, since: date | None, routine_id: str | None, until: date | None = None
    ) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if since is not None:
            clauses.append("local_day >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("local_day <= ?")
            params.append(until.isoformat())
        if routine_id is not None:
            clauses.append("routine_id = ?")
            params.append(routine_id)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    @_reading
    def count(self, since: date | None = None, routine_id: str | None = None) -> int:
        where, params = self._where(since, routine_id)
        sql = f"SELECT count(*) FROM sessions{where}"
        return self._connection.execute(sql, params).fetchone()[0]

    @_reading
    def sessions(
        self,
        since: date | None = None,
        routine_id: str | None = None,
        *,
        until: date | None = None,
        limit: int | None = None,
        with_steps: bool = False,
    ) -> list[Session]:
        """Sessions from ``since`` to ``until`` (local days), newest first, at most ``limit``."""
        where, params = self._where(since, routine_id, until)
        sql = f"SELECT {_SESSION_COLUMNS} FROM sessions{where} ORDER BY started_utc DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        found = [_session_from_row(row) for row in self._connection.execute(sql, params)]
        if not with_steps or not found:
            return found
        ids = [s.id for s in found if s.id is not None]
        steps, psfs = self.steps_of(ids), self.psfs_of(ids)
        return [
            replace(s, steps=steps.get(s.id, ()), psfs=psfs.get(s.id, ())) if s.id else s
            for s in found
        ]

    @_reading
    def steps_of(self, session_ids: list[int]) -> dict[int, tuple[StepOutcome, ...]]:
        return self._rows_of(
            "SELECT session_id, step_index, name, outcome, reason, exercise_seconds, "
            "exercise_planned_seconds, feedback FROM steps "
            "WHERE session_id IN ({}) ORDER BY session_id, step_index",
            session_ids,
            StepOutcome,
        )

    @_reading
    def psfs_of(self, session_ids: list[int]) -> dict[int, tuple[PsfsRating, ...]]:
        """The PSFS ratings of these sessions (those that took it), in the order asked."""
        return self._rows_of(
            "SELECT session_id, activity_index, activity, score FROM psfs "
            "WHERE session_id IN ({}) ORDER BY session_id, activity_index",
            session_ids,
            PsfsRating,
        )

    def _rows_of(
        self, select: str, session_ids: list[int], make: Callable[..., T]
    ) -> dict[int, tuple[T, ...]]:
        """Rows of a table kept per session, ``make``-d and grouped by session id: ``select``
        has ``{}`` where the ids go and gives the session id first."""
        found: dict[int, list[T]] = {}
        for start in range(0, len(session_ids), 500):  # stay under SQLite's variable limit
            chunk = session_ids[start : start + 500]
            rows = self._connection.execute(select.format(", ".join("?" * len(chunk))), chunk)
            for session_id, *values in rows:
                found.setdefault(session_id, []).append(make(*values))
        return {key: tuple(value) for key, value in found.items()}

    @_reading
    def last_psfs(self, routine_id: str) -> tuple[date, tuple[PsfsRating, ...]] | None:
        """The local day and ratings of the routine's latest PSFS, or None if never taken.
        Read from the psfs table (a row a week), not by scanning the routine's sessions."""
        row = self._connection.execute(
            "SELECT s.id, s.local_day FROM psfs JOIN sessions AS s ON s.id = psfs.session_id "
            "WHERE s.routine_id = ? ORDER BY s.started_utc DESC, s.id DESC LIMIT 1",
            (routine_id,),
        ).fetchone()
        if row is None:
            return None
        session_id, day = row
        return date.fromisoformat(day), self.psfs_of([session_id])[session_id]

    @_reading
    def session(self, session_id: int) -> Session | None:
        row = self._connection.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return None
        steps, psfs = self.steps_of([session_id]), self.psfs_of([session_id])
        return replace(
            _session_from_row(row), steps=steps.get(session_id, ()), psfs=psfs.get(session_id, ())
        )

    @_reading
    def outcomes_per_day(
        self,
        first: date,
        last: date,
        routine_id: str | None = None,
        leave_out: frozenset[str] = frozenset(),
    ) -> dict[str, dict[date, dict[str, int]]]:
        """Sessions per routine, local day and outcome (homecare.log.outcome), ``first`` to
        ``last`` inclusive, leaving out the routine versions (content hashes) in ``leave_out``.
        One grouped query: the work grows with the sessions in range, not the days."""
        where, params = self._where(first, routine_id, last)
        rows = self._connection.execute(
            f"SELECT routine_id, local_day, content_hash, outcome, count(*) FROM sessions{where} "
            "GROUP BY routine_id, local_day, content_hash, outcome",
            params,
        )
        found: dict[str, dict[date, dict[str, int]]] = {}
        for routine, day, content_hash, outcome, count in rows:
            if content_hash not in leave_out:
                outcomes = found.setdefault(routine, {}).setdefault(date.fromisoformat(day), {})
                outcomes[outcome] = outcomes.get(outcome, 0) + count
        return found

    @_reading
    def last_done(self, routine_id: str) -> Session | None:
        row = self._connection.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions "
            "WHERE routine_id = ? AND outcome = 'done' "
            "ORDER BY local_day DESC, started_utc DESC LIMIT 1",
            (routine_id,),
        ).fetchone()
        return None if row is None else _session_from_row(row)

    @_reading
    def known_starts(self) -> set[tuple[str, str]]:
        """(content hash, UTC start) of every session: what identifies one across logs."""
        return set(self._connection.execute("SELECT content_hash, started_utc FROM sessions"))

    @_reading
    def first_day(self, routine_id: str) -> date | None:
        """The local day of the routine's first session (one index lookup)."""
        (day,) = self._connection.execute(
            "SELECT min(local_day) FROM sessions WHERE routine_id = ?", (routine_id,)
        ).fetchone()
        return date.fromisoformat(day) if day else None

    @_reading
    def routines(self) -> dict[str, RoutineVersion]:
        """The latest version of every routine the log has seen, by routine id."""
        return {version.routine_id: version for version in self.routine_versions()}

    def routine_origins(self) -> list[tuple[str, str | None]]:
        """(content hash, origin) of every routine version the log has seen: enough to tell an
        example's sessions apart, without reading the versions' schedules."""
        return list(self._connection.execute("SELECT content_hash, origin FROM routines"))

    def routine_versions(self) -> list[RoutineVersion]:
        """Every routine version the log has seen, oldest first."""
        rows = self._connection.execute(
            "SELECT content_hash, routine_id, title, prescribed_by, patient, contact, "
            "schedule_json, issued, imported, origin FROM routines ORDER BY first_used_utc, rowid"
        )
        return [
            RoutineVersion(
                content_hash,
                routine_id,
                title,
                by,
                patient,
                contact,
                schedule_from_json(schedule),
                _day(issued),
                _day(imported),
                origin,
            )
            for (
                content_hash,
                routine_id,
                title,
                by,
                patient,
                contact,
                schedule,
                issued,
                imported,
                origin,
            ) in rows
        ]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


# ---------------------------------------------------------------------------------------------
# Opening


def open_store(path: Path | None = None, *, check: bool = False) -> LogStore:
    """Open (creating or upgrading as needed) the session log; raise ``LogUnavailable``.

    A damaged file is renamed to ``log-damaged-<time>.sqlite3`` beside it and a new log started;
    ``store.notice`` then says so. ``check`` reads the whole file first (``PRAGMA quick_check``),
    so damage anywhere is found now rather than at some later read: for the session recorder,
    which opens the log on a thread of its own. Sessions left running by a dead process are
    marked interrupted.
    """
    path = Path(path) if path is not None else locations.log_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise LogUnavailable(
            f"The folder for the session log, {path.parent}, does not exist and cannot be "
            f"created ({error.strerror or error}). Choose another folder with --data-dir or "
            "HOMECARE_DATA_DIR."
        ) from error
    try:
        _create_private(path)
        store = _connect(path, check)
    except sqlite3.Error as error:
        if not is_damaged(error):
            raise LogUnavailable(explain(error, path)) from error
        kept = set_aside(path)
        try:
            _create_private(path)  # the new log holds health data too
        except sqlite3.Error as error:
            raise LogUnavailable(explain(error, path)) from error
        store = _connect_or_explain(path)
        store.notice = damaged_notice(kept)
    return store


def _create_private(path: Path) -> None:
    """A new log is readable by its owner only: it holds health data. SQLite gives its -wal and
    -shm files the same mode. An existing log keeps the mode it has."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise sqlite3.OperationalError(f"unable to open database file ({error})") from error
    os.close(descriptor)


def _connect_or_explain(path: Path) -> LogStore:
    try:
        return _connect(path)
    except sqlite3.Error as error:
        raise LogUnavailable(explain(error, path)) from error


def _connect(path: Path, check: bool = False) -> LogStore:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        if check:
            verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")
        try:
            migrate(connection)
        except NewerLogError as error:
            raise LogUnavailable(
                f"The session log {path} was written by a newer homecare (log version "
                f"{error.version}; this homecare knows up to {CURRENT_VERSION}). Update homecare."
            ) from None
        store = LogStore(connection, path)
        store.mark_interrupted()
    except BaseException:
        connection.close()
        raise
    return store


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def set_aside(path: Path) -> Path:
    """Rename a damaged log (and its -wal/-shm companions) to a new, unused name; return it."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    number = 0
    while True:
        suffix = f"-{number}" if number else ""
        kept = path.with_name(f"{path.stem}-damaged-{stamp}{suffix}{path.suffix}")
        if not kept.exists():
            break
        number += 1
    try:
        path.rename(kept)
        for companion in ("-wal", "-shm"):
            extra = path.with_name(path.name + companion)
            if extra.exists():
                extra.rename(kept.with_name(kept.name + companion))
    except OSError as error:
        raise LogUnavailable(
            f"The session log {path} is damaged and could not be moved aside "
            f"({error.strerror or error}). Close other homecare windows and try again."
        ) from error
    return kept


__all__ = [
    "CURRENT_VERSION",
    "LogDamaged",
    "LogStore",
    "LogUnavailable",
    "RoutineVersion",
    "Session",
    "StepOutcome",
    "open_store",
]
