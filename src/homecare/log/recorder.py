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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from homecare import __version__
from homecare.base import locations
from homecare.log import outcome as rule
from homecare.log.prescriptions import version_of
from homecare.log.store import (
    LogStore,
    PsfsRating,
    Session,
    StepOutcome,
)
from homecare.log.writer import NOT_SAVED, LogWriter, SessionState, open_checked
from homecare.routine.model import Routine, RoutineFile
from homecare.session.engine import (
    Engine,
    PhaseEnded,
    SessionCompleted,
    SessionStarted,
    SessionStopped,
    StepCompleted,
    StepSkipped,
)
from homecare.session.safety import Decision

__all__ = ["NOT_SAVED", "SessionRecorder", "safety_override"]

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
        self._version = version_of(routine_file)
        self._stage = routine_file.stage  # the stage of a staged routine this session runs
        stages = routine_file.whole_routine.stages
        self._stage_name = stages[self._stage - 1].name if self._stage is not None else ""
        self._engine = engine
        self._clock = engine.clock
        self._session: Session | None = None
        self._steps: dict[int, StepOutcome] = {}
        self._exercise: dict[int, float] = {}  # timed exercise seconds done, by phase index
        self._current_step: int | None = None  # the step of the last phase that ended
        self._pain_before: int | None = None
        self._safety_override = ""
        self._psfs: tuple[PsfsRating, ...] = ()
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
            elif isinstance(event, PhaseEnded):
                self._phase_ended(event)
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

    def record_safety_check(self, decisions: Iterable[Decision]) -> None:
        """Keep, in the session's own field, each ice or heat step the patient went on with
        despite a caution (a step they let the check leave out is logged as excused)."""
        self._safety_override = safety_override(self._routine, decisions)
        if self._session is not None:
            self._session = replace(self._session, safety_override=self._safety_override)
            self._save()

    def record_psfs(self, ratings: Sequence[tuple[str, int]]) -> None:
        """The PSFS taken before the session: (activity, 0-10) each, in the order asked."""
        self._psfs = tuple(
            PsfsRating(index, activity, score) for index, (activity, score) in enumerate(ratings)
        )
        if self._session is not None:
            self._session = replace(self._session, psfs=self._psfs)
            self._save()

    def record_feedback(self, step_index: int, rating: str) -> None:
        """The patient's rating of a step they did (homecare.session.feedback), saved at once."""
        step = self._steps.get(step_index)
        if self._session is None or step is None:
            return
        self._steps[step_index] = replace(step, feedback=rating)
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
            safety_override=self._safety_override,
            psfs=self._psfs,
            stage=self._stage,
            stage_name=self._stage_name,
        )

    def _phase_ended(self, event: PhaseEnded) -> None:
        """Count the exercise time of a timed phase (the longest run, if the patient went back)."""
        phase = event.phase
        self._current_step = phase.step_index
        if phase.seconds is not None and not phase.kind.preparation:
            done = min(max(event.seconds, 0.0), phase.seconds)
            self._exercise[phase.index] = max(self._exercise.get(phase.index, 0.0), done)

    def _exercise_of(self, step_index: int) -> tuple[float, float]:
        """(done, planned) seconds of the step's timed exercise phases."""
        timed = [
            p
            for p in self._engine.plan.step_phases(step_index)
            if p.seconds is not None and not p.kind.preparation
        ]
        done = sum(self._exercise.get(p.index, 0.0) for p in timed)
        return round(done, 1), sum(p.seconds or 0.0 for p in timed)

    def _step(self, event: StepCompleted | StepSkipped) -> None:
        index = event.step_index
        if isinstance(event, StepCompleted):
            kind, reason = rule.STEP_DONE, ""
        elif index in self._engine.excluded:
            kind, reason = rule.STEP_EXCUSED, event.reason
        else:
            kind, reason = rule.STEP_SKIPPED, event.reason
        self._set_step(index, kind, reason)

    def _set_step(self, index: int, kind: str, reason: str) -> None:
        assert self._session is not None  # steps come after the start
        name = self._routine.steps[index].display_name
        outcome = StepOutcome(index, name, kind, reason, *self._exercise_of(index))
        self._steps[index] = outcome
        kinds = [s.outcome for s in self._steps.values()]
        done, excused = kinds.count(rule.STEP_DONE), kinds.count(rule.STEP_EXCUSED)
        self._session = replace(
            self._session,
            steps_done=done,
            steps_skipped=len(kinds) - done - excused,
            steps_excused=excused,
            outcome=rule.judge(len(self._routine.steps), self._steps.values()),
        )

    def _end(self, event: SessionCompleted | SessionStopped) -> None:
        assert self._session is not None  # the end comes after the start
        if isinstance(event, SessionStopped):
            status, reason = "stopped", event.reason
            current = self._current_step
            if current is not None and current not in self._steps:
                self._set_step(current, rule.STEP_STOPPED, reason)  # with its time so far
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
        assert self._session is not None
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


def safety_override(routine: Routine, decisions: Iterable[Decision]) -> str:
    """A sentence for each ice or heat step the patient went on with despite the safety check,
    e.g. "Ice: safety check: body feels cold; went on anyway." (empty when there was none)."""
    return " ".join(
        f"{routine.steps[d.step_index].display_name}: {d.log_reason}."
        for d in decisions
        if d.cautions and not d.skipped
    )


def _pain(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= 10:
        raise ValueError(f"pain is rated 0 to 10, not {value}")
    return value


def _minutes_and_seconds(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
