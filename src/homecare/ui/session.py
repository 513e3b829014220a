"""One session from the app's side: the way in (safety check, pain before) and the engine's
events turned into sounds, log entries and the counts the done screen shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from homecare.routine.model import THERMAL_TYPES, RoutineFile
from homecare.session import engine as ev
from homecare.session.engine import Engine
from homecare.session.plan import Plan, compile_plan
from homecare.session.safety import Decision, ice_prescription_advice
from homecare.ui.screens.pain import CANCELLED, PainBeforeScreen
from homecare.ui.screens.safety_check import SafetyCheckScreen, ThermalStep


@dataclass
class Outcome:
    """What the done screen summarises; filled in from the engine's events."""

    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)
    finished: bool = False
    stopped_reason: str | None = None


class SessionController:
    """Owns the engine of one session; every engine call goes through ``handle``."""

    def __init__(self, app, routine_file: RoutineFile, plan: Plan, engine: Engine,
                 decisions: list[Decision], pain_before: int | None) -> None:  # fmt: skip
        self.app = app
        self.routine_file = routine_file
        self.plan = plan
        self.engine = engine
        self.decisions = decisions
        self.pain_before = pain_before
        self.pain_after: int | None = None
        self.note = ""
        self.outcome = Outcome()
        self._told: set[str] = set()
        self.recorder = app.make_recorder(self)
        self.recorder.set_pain_before(pain_before)
        self.recorder.record_safety_check(decisions)

    @property
    def routine(self):
        return self.plan.routine

    def handle(self, events: list[ev.Event]) -> None:
        """Sounds for what changed, counts for the summary, and every event to the log."""
        started = [e for e in events if isinstance(e, ev.PhaseStarted)]
        for event in events:
            if isinstance(event, ev.StepCompleted):
                self.outcome.done.append(event.step_index)
            elif isinstance(event, ev.StepSkipped):
                self.outcome.skipped[event.step_index] = event.reason
            elif isinstance(event, ev.CountdownTick):
                self.app.cues.countdown()
            elif isinstance(event, ev.ReminderDue):
                self.app.cues.reminder(event.text)
            elif isinstance(event, ev.SessionCompleted):
                self.outcome.finished = True
                self.app.cues.session_ended()
            elif isinstance(event, ev.SessionStopped):
                self.outcome.stopped_reason = event.reason
        if started and not self.engine.snapshot().finished:
            phase = started[-1].phase  # a late refresh: announce only where the patient is now
            self.app.cues.phase_started(phase.kind, f"{phase.label}. {phase.cue}")
        self.recorder.record(events)
        self._tell_log_problem()

    @property
    def log_message(self) -> str:
        """What the patient should know about the log: it cannot be written, or a damaged log
        was set aside and a new one started; empty while all is well."""
        return " ".join(m for m in (self.recorder.problem, self.recorder.notice) if m)

    def _tell_log_problem(self) -> None:
        """A log that cannot be written, or a damaged log set aside, is said once in words as
        soon as the recorder's writer finds it; the timer goes on."""
        for message in (self.recorder.problem, self.recorder.notice):
            if message and message not in self._told:
                self.app.notify(message, title="Your log", severity="warning", timeout=30, markup=False)
        self._told = {self.recorder.problem, self.recorder.notice}

    def act(self, operation: str, *args: object) -> None:
        """Call an engine operation (start, pause, resume, skip_phase, back, confirm, update)."""
        self.handle(getattr(self.engine, operation)(*args))

    @property
    def over(self) -> bool:
        return self.outcome.finished or self.outcome.stopped_reason is not None

    def stop(self, reason: str) -> None:
        """Stop the session (recorded as stopped); nothing happens if it is already over."""
        if not self.over:
            self.act("stop", reason)
        if self.app.session is self:
            self.app.session = None

    def save_pain_before(self, pain: int | None) -> None:
        """A correction of the rating given before the session."""
        self.pain_before = pain
        self.recorder.set_pain_before(pain)

    def save_pain_after(self, pain: int | None) -> None:
        self.pain_after = pain
        self.recorder.finish(pain, self.note)

    def save_note(self, note: str) -> None:
        self.note = note
        self.recorder.finish(self.pain_after, note)


def thermal_steps(routine_file: RoutineFile) -> list[ThermalStep]:
    return [
        ThermalStep(index, step.TYPE, step.display_name)
        for index, step in enumerate(routine_file.routine.steps)
        if isinstance(step, THERMAL_TYPES)
    ]


def first_session(app, routine_file: RoutineFile) -> bool:
    """No session of this routine in the log yet (or no log to ask): the red flags are shown."""
    app.open_log()
    return app.store is None or app.store.count(routine_id=routine_file.routine.id) == 0


def begin(app, routine_file: RoutineFile) -> None:
    """Red flags (before the first session), safety check (if the routine has ice or heat),
    pain before, then the run screen."""
    from homecare.ui.screens.red_flags import RedFlagsScreen
    from homecare.ui.screens.run import RunScreen

    plan = compile_plan(routine_file.routine)
    decisions: list[Decision] = []

    def after_safety(chosen: list[Decision] | None) -> None:
        if chosen is None:
            return  # the patient went back to the home screen
        decisions.extend(chosen)
        app.push_screen(PainBeforeScreen(routine_file.routine), after_pain)

    def after_pain(pain: int | None | str) -> None:
        if pain == CANCELLED:
            return
        engine = Engine(plan, app.services.clock)
        for decision in decisions:
            if decision.skipped:
                engine.exclude_step(decision.step_index, decision.log_reason)
        app.open_log()
        app.session = SessionController(app, routine_file, plan, engine, decisions, pain)
        app.push_screen(RunScreen(app.session))

    def safety_check(go_on: bool | None = True) -> None:
        if not go_on:
            return
        steps = thermal_steps(routine_file)
        if steps:
            today = app.services.clock.wall().date()
            advice = ice_prescription_advice(routine_file.routine, today) or ""
            app.push_screen(SafetyCheckScreen(steps, advice), after_safety)
        else:
            after_safety([])

    if first_session(app, routine_file):
        app.push_screen(RedFlagsScreen(routine_file.routine.contact), safety_check)
    else:
        safety_check()
