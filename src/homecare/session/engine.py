"""The session engine: which phase of a plan the patient is in, derived from clock time.

The engine keeps one number of its own, the session's *active time* (seconds running, not
paused), computed from the clock on every call; the current phase and its countdown follow from
it. Nothing counts timer ticks, so a session ends on time however often or late ``update()`` is
called, and a late call reports every phase change it missed, in order, exactly once.

A phase that ends on its own hands over at its exact end time, so timed phases never drift; a
phase the patient ends (confirm, skip, back) hands over at the moment they act. Time the computer
spent asleep counts as running time; the wall clock never moves the timer (docs/engine.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import takewhile

from homecare.session.clock import Clock, SystemClock
from homecare.session.plan import Phase, Plan

BACK_RESTARTS_AFTER_SECONDS = 2.0  # back() restarts a phase this far in, else goes to the previous
COUNTDOWN_TICKS = 3  # CountdownTick for the last 3 whole seconds of a timed phase
REMINDER_SHOWN_SECONDS = 30.0  # how long a skin-check reminder stays in the snapshot
CLOCK_STEP_SECONDS = 2.0  # the wall clock moved this much more or less than the monotonic one
SKIPPED_BY_THE_PATIENT = "skipped by the patient"  # a step none of whose exercise phases ran
_EPSILON = 1e-6  # float noise allowed when a countdown sits on a whole second


@dataclass(frozen=True)
class SessionStarted:
    pass


@dataclass(frozen=True)
class PhaseStarted:
    phase: Phase


@dataclass(frozen=True)
class PhaseEnded:
    phase: Phase
    completed: bool  # False when skipped, stepped back from, or stopped
    # Active time spent in the phase, for the log's exercise time per step (not compared).
    seconds: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class StepCompleted:
    step_index: int


@dataclass(frozen=True)
class StepSkipped:
    step_index: int
    reason: str


@dataclass(frozen=True)
class CountdownTick:
    phase: Phase
    seconds_left: int  # 3, 2, 1


@dataclass(frozen=True)
class ReminderDue:
    phase: Phase
    text: str


@dataclass(frozen=True)
class Paused:
    pass


@dataclass(frozen=True)
class Resumed:
    pass


@dataclass(frozen=True)
class SessionCompleted:
    pass


@dataclass(frozen=True)
class SessionStopped:
    reason: str


Event = (
    SessionStarted
    | PhaseStarted
    | PhaseEnded
    | StepCompleted
    | StepSkipped
    | CountdownTick
    | ReminderDue
    | Paused
    | Resumed
    | SessionCompleted
    | SessionStopped
)


@dataclass(frozen=True)
class Snapshot:
    """What to draw now. Times are seconds; ``countdown`` is the whole number to show."""

    started: bool
    finished: bool
    stopped_reason: str | None
    paused: bool
    waiting: bool  # an untimed phase: waiting for the patient to confirm
    phase: Phase | None
    next_phase: Phase | None
    seconds_left: float | None
    countdown: int | None
    elapsed_in_phase: float
    active_seconds: float
    wall_seconds: float  # from the start, pauses included (monotonic, like every duration)
    clock_shift_seconds: float  # how far the wall clock was set forward (+) or back (-) meanwhile
    progress: float  # 0..1 along the plan's timed phases
    reminder: str | None  # a skin check due in the last REMINDER_SHOWN_SECONDS


def whole_seconds_left(seconds_left: float) -> int:
    """The countdown as shown: 10 from 10.0 down to just above 9.0, then 9, ..."""
    return max(0, math.ceil(seconds_left - _EPSILON))


class Engine:
    """Runs one session of a plan. Every operation returns the events it caused, in order."""

    def __init__(self, plan: Plan, clock: Clock | None = None) -> None:
        self.plan = plan
        self.clock: Clock = clock if clock is not None else SystemClock()
        self._excluded: dict[int, str] = {}
        self._reported_steps: set[int] = set()
        self._worked_steps: set[int] = set()  # an exercise phase ran to its end or was confirmed
        self._started = False
        self._finished = False
        self._stopped_reason: str | None = None
        self._index = 0  # current phase (kept after the end, for progress)
        self._phase_start = 0.0  # active time the current phase started
        self._reminders_due = 0  # reminders of the current phase already reported
        self._last_tick = 0
        # Active time = monotonic - started - paused_total, frozen while paused.
        self._started_at = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._last_seen: tuple[float, float] | None = None  # (monotonic, wall timestamp)
        self._clock_shift = 0.0
        self._final: tuple[float, float] | None = None  # (active, wall seconds) once finished

    # -- operations ---------------------------------------------------------------------------

    def exclude_step(self, step_index: int, reason: str) -> None:
        """Leave a step out (the safety check's verdict): reported skipped, never run."""
        if self._started:
            raise RuntimeError("steps can only be excluded before the session starts")
        if not 0 <= step_index < len(self.plan.routine.steps):
            raise IndexError(f"no step {step_index} in this routine")
        self._excluded[step_index] = reason

    @property
    def excluded(self) -> dict[int, str]:
        """The steps left out by the safety check, with the reason (a copy)."""
        return dict(self._excluded)

    def start(self) -> list[Event]:
        if self._started:
            return []
        self._started = True
        self._started_at = self._now()
        events: list[Event] = [SessionStarted()]
        self._enter_from(0, 0.0, events)
        return events

    def update(self) -> list[Event]:
        """Catch up with the clock: report every phase change and cue since the last call."""
        events: list[Event] = []
        if not self._running:
            return events
        now = self._active()
        while not self._finished:
            phase = self._phase
            self._report_reminders(phase, now, events)
            if phase.seconds is None or now < self._phase_start + phase.seconds:
                break
            self._leave(True, self._phase_start + phase.seconds, events)
        self._report_tick(now, events)
        return events

    def pause(self) -> list[Event]:
        events = self.update()
        if self._running and self._paused_at is None:
            self._paused_at = self._now()
            events.append(Paused())
        return events

    def resume(self) -> list[Event]:
        events = self.update()
        if self._running and self._paused_at is not None:
            self._paused_total += self._now() - self._paused_at
            self._paused_at = None
            events.append(Resumed())
        return events

    def skip_phase(self) -> list[Event]:
        events = self.update()
        if self._running:
            self._leave(False, self._active(), events)
        return events

    def skip_step(self, reason: str) -> list[Event]:
        events = self.update()
        if self._running:
            step = self._phase.step_index
            events.append(self._ended(completed=False))
            self._report(StepSkipped(step, reason), step, events)
            after = next((p.index for p in self.plan.phases if p.step_index > step), None)
            self._enter_from(
                len(self.plan.phases) if after is None else after, self._active(), events
            )
        return events

    def back(self) -> list[Event]:
        """Restart the phase, or, within its first 2 seconds, go to the previous phase."""
        events = self.update()
        if not self._running:
            return events
        now = self._active()
        target = self._index
        if now - self._phase_start <= BACK_RESTARTS_AFTER_SECONDS:
            earlier = [p.index for p in self.plan.phases[: self._index] if self._runs(p)]
            target = earlier[-1] if earlier else self._index
        events.append(self._ended(completed=False))
        self._begin(target, now, events)
        return events

    def confirm(self) -> list[Event]:
        """The patient says they are done with an untimed phase; does nothing in a timed one."""
        events = self.update()
        if self._running and self._phase.seconds is None:
            self._leave(True, self._active(), events)
        return events

    def stop(self, reason: str = "stopped") -> list[Event]:
        events = self.update()
        if self._running:
            events.append(self._ended(completed=False))
            events.append(SessionStopped(reason))
            self._stopped_reason = reason
            self._finish(self._active())
        return events

    # -- what to show -------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The state as of the last operation, with times read now. Call ``update()`` first."""
        running = self._running
        if not self._started:
            active, wall = 0.0, 0.0
        else:
            active, wall = self._final or (self._active(), self._wall_seconds())
        phase = self._phase if running else None
        in_phase = active - self._phase_start if self._started else 0.0
        elapsed = in_phase if running else 0.0
        left = None
        if phase is not None and phase.seconds is not None:
            left = max(0.0, phase.seconds - elapsed)
        return Snapshot(
            started=self._started,
            finished=self._finished,
            stopped_reason=self._stopped_reason,
            paused=running and self._paused_at is not None,
            waiting=phase is not None and phase.seconds is None,
            phase=phase,
            next_phase=self._next_phase(),
            seconds_left=left,
            countdown=None if left is None else whole_seconds_left(left),
            elapsed_in_phase=elapsed,
            active_seconds=active,
            wall_seconds=wall,
            clock_shift_seconds=self._clock_shift,
            progress=self._progress(in_phase),
            reminder=self._shown_reminder(elapsed) if phase is not None else None,
        )

    def next_deadline(self) -> float | None:
        """The monotonic time (of this engine's clock) the display next changes.

        The next whole second of the countdown, a reminder appearing or going, or the phase end;
        None when nothing changes by itself (not started, paused, finished, waiting to confirm).
        """
        phase = self._phase
        if not self._running or self._paused_at is not None or phase.seconds is None:
            return None
        seconds = phase.seconds
        elapsed = self._active() - self._phase_start
        left = seconds - elapsed
        at = seconds - max(0, whole_seconds_left(left) - 1)  # elapsed at the next change
        for reminder in phase.reminders:
            for change in (reminder.at_seconds, reminder.at_seconds + REMINDER_SHOWN_SECONDS):
                if elapsed < change < at:
                    at = change
        # Back from active time to this clock's monotonic reading.
        return self._phase_start + at + self._started_at + self._paused_total

    # -- the timeline -------------------------------------------------------------------------

    @property
    def _running(self) -> bool:
        return self._started and not self._finished

    @property
    def _phase(self) -> Phase:
        return self.plan.phases[self._index]

    def _runs(self, phase: Phase) -> bool:
        return phase.step_index not in self._excluded

    def _leave(self, completed: bool, at: float, events: list[Event]) -> None:
        """End the current phase at active time ``at`` and go on to the next one.

        Leaving a step's last phase gives the step its outcome: completed if any of its exercise
        phases ran to its end or was confirmed, else skipped by the patient. A step whose only
        phases left are preparation (taking the ice pack off) is completed already, so a stop
        there keeps the ice that was done.
        """
        phase = self._phase
        events.append(PhaseEnded(phase, completed, at - self._phase_start))
        step = phase.step_index
        if completed and not phase.kind.preparation:
            self._worked_steps.add(step)
        following = self._index + 1
        phases = self.plan.phases
        rest_of_step = list(takewhile(lambda p: p.step_index == step, phases[following:]))
        if step in self._worked_steps and all(p.kind.preparation for p in rest_of_step):
            self._report(StepCompleted(step), step, events)
        elif not rest_of_step:
            self._report(StepSkipped(step, SKIPPED_BY_THE_PATIENT), step, events)
        self._enter_from(following, at, events)

    def _ended(self, completed: bool) -> PhaseEnded:
        """The current phase ends now (the patient acted)."""
        return PhaseEnded(self._phase, completed, self._active() - self._phase_start)

    def _enter_from(self, index: int, at: float, events: list[Event]) -> None:
        """Begin the first phase from ``index`` on whose step runs; excluded steps are reported."""
        while index < len(self.plan.phases) and not self._runs(self.plan.phases[index]):
            step = self.plan.phases[index].step_index
            self._report(StepSkipped(step, self._excluded[step]), step, events)
            index += 1
        if index == len(self.plan.phases):
            events.append(SessionCompleted())
            self._finish(at)
        else:
            self._begin(index, at, events)

    def _begin(self, index: int, at: float, events: list[Event]) -> None:
        self._index = index
        self._phase_start = at
        self._reminders_due = 0
        seconds = self._phase.seconds
        self._last_tick = min(COUNTDOWN_TICKS + 1, math.ceil(seconds)) if seconds else 0
        events.append(PhaseStarted(self._phase))

    def _finish(self, at: float) -> None:
        """End the session at active time ``at`` (maybe before now, when found out late)."""
        now = self._active()
        late = now - at if self._paused_at is None else 0.0
        self._final = (at, self._wall_seconds() - late)
        self._finished = True

    def _report(self, event: Event, step_index: int, events: list[Event]) -> None:
        """Each step gets one outcome, the first one (going back into a step does not repeat it)."""
        if step_index not in self._reported_steps:
            self._reported_steps.add(step_index)
            events.append(event)

    def _report_reminders(self, phase: Phase, now: float, events: list[Event]) -> None:
        for reminder in phase.reminders[self._reminders_due :]:
            if self._phase_start + reminder.at_seconds > now:
                break
            self._reminders_due += 1
            events.append(ReminderDue(phase, reminder.text))

    def _report_tick(self, now: float, events: list[Event]) -> None:
        """Tick the current second of the last three; ticks missed by a late call are dropped."""
        if not self._running or self._phase.seconds is None:
            return
        shown = whole_seconds_left(self._phase_start + self._phase.seconds - now)
        if 1 <= shown < self._last_tick:
            self._last_tick = shown
            events.append(CountdownTick(self._phase, shown))

    def _next_phase(self) -> Phase | None:
        start = self._index + 1 if self._started else 0
        if self._finished:
            return None
        return next((p for p in self.plan.phases[start:] if self._runs(p)), None)

    def _progress(self, elapsed: float) -> float:
        if self._finished and self._stopped_reason is None:
            return 1.0
        runs = [p for p in self.plan.phases if self._runs(p)]
        done = [p for p in runs if p.index < self._index] if self._started else []
        total = sum(p.seconds or 0.0 for p in runs)
        if total == 0:
            return len(done) / len(runs) if runs else 0.0
        seconds = sum(p.seconds or 0.0 for p in done)
        if self._started and self._phase.seconds is not None:
            seconds += min(elapsed, self._phase.seconds)
        return seconds / total

    def _shown_reminder(self, elapsed: float) -> str | None:
        due = [r for r in self._phase.reminders[: self._reminders_due] if r.at_seconds <= elapsed]
        if due and elapsed < due[-1].at_seconds + REMINDER_SHOWN_SECONDS:
            return due[-1].text
        return None

    # -- time ---------------------------------------------------------------------------------

    def _now(self) -> float:
        """The clock's monotonic time; a wall clock that moved differently was set (not slept:
        the monotonic clock counts sleep) and is noted, never used."""
        monotonic = self.clock.monotonic()
        wall = self.clock.wall().timestamp()
        if self._last_seen is not None:
            step = (wall - self._last_seen[1]) - (monotonic - self._last_seen[0])
            if abs(step) > CLOCK_STEP_SECONDS:
                self._clock_shift += step
        self._last_seen = (monotonic, wall)
        return monotonic

    def _active(self) -> float:
        now = self._now()
        if self._final is not None:
            return self._final[0]
        until = self._paused_at if self._paused_at is not None else now
        return until - self._started_at - self._paused_total

    def _wall_seconds(self) -> float:
        return self._now() - self._started_at
