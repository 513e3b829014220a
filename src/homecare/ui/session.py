"""One session from the app's side: the screens in order around the core's ``Flow``, and the
engine's events turned into sounds. Every decision (safety, skips, pain alert, counts) is the
flow's (homecare.session.flow); this module only chooses which screen asks next."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from homecare.routine.model import RoutineFile
from homecare.session import engine as ev
from homecare.session import feedback, psfs
from homecare.session.flow import Flow, Outcome
from homecare.ui.screens.pain import PainBeforeScreen
from homecare.ui.screens.safety_check import SafetyCheckScreen

if TYPE_CHECKING:
    from homecare.log.before_session import BeforeSession
    from homecare.ui.app import HomecareApp


class SessionController:
    """Owns the flow (and its engine) of one session; every engine call goes through ``handle``."""

    def __init__(self, app: HomecareApp, routine_file: RoutineFile, flow: Flow) -> None:
        self.app = app
        self.routine_file = routine_file
        self.flow = flow
        self.engine = flow.engine
        self.plan = flow.engine.plan
        self._told: set[str] = set()
        self._said: feedback.Question | None = None  # the rating question last said aloud
        self.recorder = app.make_recorder(self)
        flow.start(self.recorder)

    @property
    def routine(self):
        return self.plan.routine

    @property
    def outcome(self) -> Outcome:
        return self.flow.outcome

    @property
    def pain_before(self) -> int | None:
        return self.flow.pain_before

    def handle(self, events: list[ev.Event]) -> None:
        """Sounds for what changed; counts for the summary and every event to the log (flow)."""
        self.flow.handle(events)
        started = [e for e in events if isinstance(e, ev.PhaseStarted)]
        for event in events:
            if isinstance(event, ev.CountdownTick):
                self.app.cues.countdown()
            elif isinstance(event, ev.ReminderDue):
                self.app.cues.reminder(event.text)
            elif isinstance(event, ev.SessionCompleted):
                self.app.cues.session_ended()
        if started and not self.engine.snapshot().finished:
            phase = started[-1].phase  # a late refresh: announce only where the patient is now
            self.app.cues.phase_started(phase.kind, f"{phase.label}. {phase.cue}")
        self._say_rating_question()
        self._tell_log_problem()

    def _say_rating_question(self) -> None:
        """With speech, a rating due is said once (after the next phase's words, which it cuts
        off: that phase is held until the answer, then said again by ``rate``)."""
        question = self.flow.rating_question
        if question is not None and question != self._said:
            self._said = question
            self.app.cues.say(f"{question.title}. {feedback.QUESTION} {feedback.choices()}.")

    def rate(self, value: str | None) -> None:
        """The patient's rating (None: no answer); with speech, the held phase is said again
        as the session goes on."""
        self.act(lambda: self.flow.rate(value))
        snapshot = self.engine.snapshot()
        phase = snapshot.phase
        if phase is not None and self.flow.rating_question is None and not snapshot.paused:
            self.app.cues.say(f"{phase.label}. {phase.cue}")

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
                self.app.notify(
                    message, title="Your log", severity="warning", timeout=30, markup=False
                )
        self._told = {self.recorder.problem, self.recorder.notice}

    def act(self, operation: Callable[[], list[ev.Event]]) -> None:
        """Call an engine operation (``engine.pause``, ...) and handle what it says."""
        self.handle(operation())

    @property
    def over(self) -> bool:
        return self.outcome.over

    def stop(self, reason: str) -> None:
        """Stop the session (recorded as stopped); nothing happens if it is already over."""
        if not self.over:
            self.act(lambda: self.engine.stop(reason))
        if self.app.session is self:
            self.app.session = None

    def save_pain_before(self, pain: int | None) -> None:
        """A correction of the rating given before the session."""
        self.flow.set_pain_before(pain)

    def save_pain_after(self, pain: int | None) -> bool:
        """Saved at once; True if the stop-and-call alert is to be shown."""
        return self.flow.set_pain_after(pain)

    def save_note(self, note: str) -> None:
        self.flow.set_note(note)


def what_the_log_says(app: HomecareApp, routine_file: RoutineFile) -> BeforeSession:
    """Today's stage, the first session and the last PSFS (homecare.log.before_session)."""
    from homecare.log.before_session import before_session

    app.open_log()
    return before_session(app.store, routine_file, app.services.clock.wall().date())


def begin(app: HomecareApp, routine_file: RoutineFile) -> None:
    """Red flags (before the first session), safety check (if the routine has ice or heat),
    pain before, the PSFS when it is due, then the run screen."""
    from homecare.ui.screens.red_flags import RedFlagsScreen
    from homecare.ui.screens.run import RunScreen

    before = what_the_log_says(app, routine_file)
    routine_file = before.routine_file
    flow = Flow.of(routine_file.routine, app.services.clock, first_session=before.first_session)

    def after_safety(went_on: bool | None) -> None:
        if not went_on:
            return  # the patient went back to the home screen
        app.push_screen(PainBeforeScreen(routine_file.routine), after_pain)

    def after_pain(pain: int | None | str) -> None:
        if isinstance(pain, str):  # CANCELLED: the patient went back
            return
        flow.set_pain_before(pain)
        questions = flow.psfs_due(before.last_psfs)
        if questions is None:
            run()
        else:
            from homecare.ui.screens.psfs import PsfsScreen

            app.push_screen(PsfsScreen(questions), after_psfs)

    def after_psfs(ratings: psfs.Ratings | None) -> None:
        if ratings:
            flow.set_psfs(ratings)
        else:
            app.notify(psfs.LATER, title="Activities", markup=False)
        run()

    def run() -> None:
        app.open_log()
        app.session = SessionController(app, routine_file, flow)
        app.push_screen(RunScreen(app.session))

    def safety_check(go_on: bool | None = True) -> None:
        if not go_on:
            return
        if flow.thermal_steps:
            app.push_screen(SafetyCheckScreen(flow), after_safety)
        else:
            after_safety(True)

    if flow.first_session:
        app.push_screen(RedFlagsScreen(routine_file.routine.contact), safety_check)
    else:
        safety_check()
