"""The recorder: turns the engine's events into the session's row in the log.

The row is written when the session starts and again at every step boundary (a step completed
or skipped) and at the end, each time durably, so a crash or a kill leaves the session with the
progress it had; the next homecare to open the log marks it interrupted.

The recorder never raises into the UI. When the log cannot be written (a full disk, a read-only
folder) it keeps the whole session in memory, sets ``problem`` to a message the screen shows,
and tries again at the next boundary, so nothing is lost once the disk has room again. A log
found damaged mid-session is moved aside and the session written afresh to a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from homecare import __version__
from homecare.engine import (
    Engine,
    SessionCompleted,
    SessionStarted,
    SessionStopped,
    StepCompleted,
    StepSkipped,
)
from homecare.log.store import (
    LogStore,
    LogUnavailable,
    RoutineVersion,
    Session,
    StepOutcome,
    explain,
    is_damaged,
    open_store,
    set_aside,
)
from homecare.routine.model import Routine, RoutineFile
from homecare.safety import Decision

NOT_SAVED = "The session goes on, but it is not being saved."


class SessionRecorder:
    """Records the session ``engine`` runs (of ``routine_file``) into ``store``.

    ``store`` may be None when the log could not be opened; pass the reason as ``problem``.
    Times come from the engine: its clock for the log's wall times, its own active time (which
    counts time the computer slept, docs/engine.md) rather than a second count kept here.
    """

    def __init__(
        self,
        store: LogStore | None,
        routine_file: RoutineFile,
        engine: Engine,
        problem: str = "",
    ) -> None:
        self.problem = problem  # shown by the UI while not empty
        self.notice = store.notice if store is not None else ""
        self._store = store
        self._routine = routine_file.routine
        self._version = RoutineVersion(
            content_hash=routine_file.content_hash,
            routine_id=self._routine.id,
            title=self._routine.title,
            prescribed_by=self._routine.prescribed_by,
            patient=self._routine.patient,
            contact=self._routine.contact,
            schedule=self._routine.schedule,
        )
        self._engine = engine
        self._clock = engine.clock
        self._session: Session | None = None
        self._steps: dict[int, StepOutcome] = {}
        self._unsaved: dict[int, StepOutcome] = {}
        self._pain_before: int | None = None

    @classmethod
    def open(
        cls, routine_file: RoutineFile, engine: Engine, path: Path | None = None
    ) -> SessionRecorder:
        """A recorder on the log at ``path`` (the default log); never raises."""
        try:
            store = open_store(path)
        except LogUnavailable as error:
            return cls(None, routine_file, engine, problem=f"{error} {NOT_SAVED}")
        return cls(store, routine_file, engine)

    def first_of_its_routine(self) -> bool:
        """No session of this routine in the log yet (True too when there is no log to ask)."""
        return self._store is None or self._store.count(routine_id=self._routine.id) == 0

    @property
    def session(self) -> Session | None:
        """The session as recorded so far (None before it starts)."""
        return self._session

    # -- input --------------------------------------------------------------------------------

    def record(self, events: Iterable[object]) -> None:
        """Take the events an engine call returned; write at step boundaries and the end."""
        boundary = False
        for event in events:
            if isinstance(event, SessionStarted):
                self._begin()
                boundary = True
            elif self._session is None:
                continue
            elif isinstance(event, (StepCompleted, StepSkipped)):
                self._step(event)
                boundary = True
            elif isinstance(event, (SessionCompleted, SessionStopped)):
                self._end(event)
                boundary = True
        if boundary:
            self._save()

    def set_pain_before(self, value: int | None) -> None:
        self._pain_before = _pain(value)
        if self._session is not None:
            self._session = replace(self._session, pain_before=self._pain_before)
            self._save()

    def finish(self, pain_after: int | None = None, note: str = "") -> None:
        """The patient's rating and note from the Done screen; the last write of the session."""
        if self._session is None:
            return
        self._session = replace(self._session, pain_after=_pain(pain_after), note=note)
        self._save()

    # -- state --------------------------------------------------------------------------------

    def _begin(self) -> None:
        self._session = Session(
            routine_id=self._routine.id,
            title=self._routine.title,
            content_hash=self._version.content_hash,
            started=self._clock.wall(),
            planned_seconds=self._engine.plan.total_seconds,
            steps_total=len(self._routine.steps),
            app_version=__version__,
            pain_before=self._pain_before,
        )

    def _step(self, event: StepCompleted | StepSkipped) -> None:
        name = self._routine.steps[event.step_index].display_name
        if isinstance(event, StepSkipped):
            outcome = StepOutcome(event.step_index, name, "skipped", event.reason)
        else:
            outcome = StepOutcome(event.step_index, name, "done")
        self._steps[event.step_index] = self._unsaved[event.step_index] = outcome
        self._session = replace(
            self._session,
            steps_done=sum(s.outcome == "done" for s in self._steps.values()),
            steps_skipped=sum(s.outcome == "skipped" for s in self._steps.values()),
        )

    def _end(self, event: SessionCompleted | SessionStopped) -> None:
        if isinstance(event, SessionStopped):
            status, reason = "stopped", event.reason
        else:
            status, reason = "completed", ""
        self._session = replace(
            self._session,
            status=status,
            stop_reason=reason,
            ended=self._clock.wall(),
            active_seconds=self._active_seconds(),
        )

    def _active_seconds(self) -> float:
        return self._engine.snapshot().active_seconds

    # -- writing ------------------------------------------------------------------------------

    def _save(self) -> None:
        if self._store is None or self._session is None:
            return
        if self._session.status == "running":
            self._session = replace(self._session, active_seconds=self._active_seconds())
        try:
            self._write()
        except sqlite3.Error as error:
            if is_damaged(error):
                self._start_new_log()
            else:
                self.problem = f"{explain(error, self._store.path)} {NOT_SAVED}"

    def _write(self) -> None:
        session_id = self._store.save(
            self._session,
            self._clock.wall(),
            list(self._unsaved.values()),
            routine=self._version if self._session.id is None else None,
        )
        self._session = replace(self._session, id=session_id)
        self._unsaved.clear()
        self.problem = ""

    def _start_new_log(self) -> None:
        """Set a damaged log aside and write the whole session to a new one."""
        path = self._store.path
        self._store = None  # left open: the app may share it; the new log is ours alone
        try:
            kept = set_aside(path)
            self._store = open_store(path)
        except LogUnavailable as error:
            self.problem = f"{error} {NOT_SAVED}"
            return
        self.notice = f"The session log was damaged. It was kept as {kept}; a new log was started."
        self._session = replace(self._session, id=None)
        self._unsaved = dict(self._steps)
        try:
            self._write()
        except sqlite3.Error as error:
            self.problem = f"{explain(error, path)} {NOT_SAVED}"


def note_for_log(routine: Routine, decisions: Iterable[Decision], note: str) -> str:
    """The patient's note, after a sentence for each ice or heat step they went on with despite
    the safety check (a skip is logged as a skipped step with its reason instead)."""
    went_on = [
        f"{routine.steps[d.step_index].display_name}: {d.log_reason}."
        for d in decisions
        if d.cautions and not d.skipped
    ]
    return " ".join([*went_on, note]).strip()


def _pain(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= 10:
        raise ValueError(f"pain is rated 0 to 10, not {value}")
    return value
