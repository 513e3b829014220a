"""The recorder: turns the engine's events into the session's row in the log.

The row is written when the session starts and again at every step boundary (a step completed
or skipped) and at the end, each time durably, so a crash or a kill leaves the session with the
progress it had; the next homecare to open the log marks it interrupted.

The recorder never raises into the UI and never waits for the log: it keeps the whole session
in memory and hands it to a ``LogWriter`` thread at every boundary (homecare.log.writer), which
writes it as soon as the log allows. While the log cannot be written (a full disk, a read-only
folder, a lock held by another program) ``problem`` says why; a log found damaged is moved aside
and the session written whole to a new one, and ``notice`` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from homecare import __version__

from homecare.base import locations
from homecare.session.engine import (
    Engine,
    SessionCompleted,
    SessionStarted,
    SessionStopped,
    StepCompleted,
    StepSkipped,
)
from homecare.log.store import LogStore, RoutineVersion, Session, StepOutcome
from homecare.log.writer import NOT_SAVED, LogWriter, SessionState, open_checked
from homecare.routine.model import Routine, RoutineFile
from homecare.session.safety import Decision

__all__ = ["NOT_SAVED", "SessionRecorder", "note_for_log"]

QUIT_WAIT_SECONDS = 20.0  # at quit, the longest wait for the last write (a busy log: 15 s)
CLOCK_CHANGED = (
    "The computer's clock was changed during this session by {shift}; its times come from the "
    "session's own timer."
)


class SessionRecorder:
    """Records the session ``engine`` runs (of ``routine_file``) into the log.

    ``log`` is the open store (only its path and notice are used: the writer thread opens its
    own connection), a path, or None for the default log; ``problem`` is why the caller could
    not open it (the writer keeps trying). Times come from the engine: the start from its
    clock's wall time, every later time as the start plus the engine's monotonic elapsed time,
    so a wall clock set back or forward never moves the end before the start.
    """

    def __init__(
        self,
        log: LogStore | Path | None,
        routine_file: RoutineFile,
        engine: Engine,
        problem: str = "",
        opener: Callable[[Path], LogStore] = open_checked,
    ) -> None:
        if isinstance(log, LogStore):
            path, notice = log.path, log.notice
        else:
            path, notice = (Path(log) if log is not None else locations.log_path()), ""
        self._writer = LogWriter(path, opener, problem=problem, notice=notice)
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
        self._pain_before: int | None = None
        self._note = ""

    @classmethod
    def open(
        cls, routine_file: RoutineFile, engine: Engine, path: Path | None = None
    ) -> SessionRecorder:
        """A recorder on the log at ``path`` (the default log); never raises or waits."""
        return cls(path, routine_file, engine)

    @property
    def session(self) -> Session | None:
        """The session as recorded so far (None before it starts)."""
        return self._session

    @property
    def problem(self) -> str:
        """Why the log cannot be written now ("" while all is well); shown by the UI."""
        return self._writer.problem

    @property
    def notice(self) -> str:
        """News about the log to tell the patient once, e.g. a damaged log was set aside."""
        return self._writer.notice

    def flush(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds until all is written; True if it is."""
        return self._writer.flush(timeout)

    def close(self, timeout: float | None = QUIT_WAIT_SECONDS) -> bool:
        """The last wait, bounded: True if the session is all in the log."""
        return self._writer.close(timeout)

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
        self._note = note
        self._session = replace(self._session, pain_after=_pain(pain_after))
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
        self._steps[event.step_index] = outcome
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
            ended=self._elapsed_wall(),
            active_seconds=self._engine.snapshot().active_seconds,
        )

    def _elapsed_wall(self) -> datetime:
        """The start plus the engine's monotonic elapsed time: never before the start."""
        seconds = self._engine.snapshot().wall_seconds
        return self._session.started + timedelta(seconds=round(seconds))

    def _note_with_clock_change(self) -> str:
        shift = self._engine.snapshot().clock_shift_seconds
        if not shift:
            return self._note
        words = f"{'+' if shift > 0 else '-'}{_minutes_and_seconds(abs(shift))}"
        return " ".join([CLOCK_CHANGED.format(shift=words), self._note]).strip()

    # -- writing ------------------------------------------------------------------------------

    def _save(self) -> None:
        """Hand the whole session to the writer thread; returns at once."""
        if self._session is None:
            return
        if self._session.status == "running":
            active = self._engine.snapshot().active_seconds
            self._session = replace(self._session, active_seconds=active)
        steps = tuple(self._steps[index] for index in sorted(self._steps))
        session = replace(self._session, note=self._note_with_clock_change(), steps=steps)
        self._writer.post(SessionState(session, self._elapsed_wall(), self._version))


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


def _minutes_and_seconds(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
