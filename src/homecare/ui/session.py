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


def first_session(app: HomecareApp, routine_file: RoutineFile) -> bool:
    """No session of this routine in the log yet (or no log to ask): the red flags are shown."""
    app.open_log()
    return app.store is None or app.store.count(routine_id=routine_file.routine.id) == 0


def last_psfs(app: HomecareApp, routine_file: RoutineFile) -> psfs.Taken | None:
    """The routine's latest PSFS in the log (None if never taken or no log to ask: then it is
    asked rather than never)."""
    from homecare.base.errors import UserError
    from homecare.log.psfs import last_taken

    app.open_log()
    try:
        return last_taken(app.store, routine_file.routine.id) if app.store else None
    except UserError:
        return None


def file_for_today(app: HomecareApp, routine_file: RoutineFile) -> RoutineFile:
    """Today's stage of a staged routine (homecare.log.stage_today), else the routine."""
    if not routine_file.whole_routine.stages:
        return routine_file
    from homecare.log.stage_today import file_to_run

    app.open_log()
    return file_to_run(app.store, routine_file, app.services.clock.wall().date())


def begin(app: HomecareApp, routine_file: RoutineFile) -> None:
    """Red flags (before the first session), safety check (if the routine has ice or heat),
    pain before, the PSFS when it is due, then the run screen."""
    from homecare.ui.screens.red_flags import RedFlagsScreen
    from homecare.ui.screens.run import RunScreen

    routine_file = file_for_today(app, routine_file)
    flow = Flow.of(
        routine_file.routine, app.services.clock, first_session=first_session(app, routine_file)
    )

    def after_safety(went_on: bool | None) -> None:
        if not went_on:
            return  # the patient went back to the home screen
        app.push_screen(PainBeforeScreen(routine_file.routine), after_pain)

    def after_pain(pain: int | None | str) -> None:
        if isinstance(pain, str):  # CANCELLED: the patient went back
            return
        flow.set_pain_before(pain)
        questions = None
        if routine_file.routine.psfs is not None:  # the log is read only for a PSFS routine
            questions = flow.psfs_due(last_psfs(app, routine_file))
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
