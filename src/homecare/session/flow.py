"""One session from "start this routine" to the log: the decisions both front ends share.

The app (``homecare.ui``) and the plain runner (``homecare.plain``) only ask and show; this is
where their answers become decisions: whether the red flags come first, the old-ice advice,
which safety questions to ask for the routine's ice and heat steps, which steps the answers
caution against, the patient's skip-or-go-on choice made an exclusion of the engine, pain before
and after (and whether pain after calls for the stop-and-call alert), the rating asked after
each rated exercise (the timer held meanwhile), the note, and the counts
of steps done and skipped, read from the engine's events. Everything goes to a ``SessionLog``
(``homecare.log.recorder.SessionRecorder``), which the front end passes in: the session layer
does not import the log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from homecare.routine.feedback import rated
from homecare.routine.model import THERMAL_TYPES, Routine
from homecare.session import engine as ev
from homecare.session import feedback, psfs, safety, wording
from homecare.session.clock import Clock
from homecare.session.engine import Engine
from homecare.session.plan import compile_plan


class SessionLog(Protocol):
    """Where a session is recorded: homecare.log.recorder.SessionRecorder."""

    @property
    def problem(self) -> str: ...  # why the log cannot be written now, or ""
    @property
    def notice(self) -> str: ...  # news about the log (a damaged log set aside), or ""

    def record(self, events: list[ev.Event]) -> None: ...
    def set_pain_before(self, value: int | None) -> None: ...
    def record_safety_check(self, decisions: list[safety.Decision]) -> None: ...
    def record_psfs(self, ratings: Sequence[tuple[str, int]]) -> None: ...
    def record_feedback(self, step_index: int, rating: str) -> None: ...
    def finish(self, pain_after: int | None = None, note: str = "") -> None: ...


@dataclass(frozen=True)
class ThermalStep:
    """An ice or heat step of the routine about to run."""

    step_index: int
    therapy: str
    name: str  # from the routine file: shown literally by the front end


@dataclass(frozen=True)
class Pending:
    """An ice or heat step the safety answers caution against: the patient skips it or goes on."""

    step: ThermalStep
    cautions: tuple[safety.Caution, ...]


@dataclass
class Outcome:
    """What the end of a session summarises; filled in from the engine's events."""

    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # step index -> reason
    finished: bool = False
    stopped_reason: str | None = None

    @property
    def over(self) -> bool:
        return self.finished or self.stopped_reason is not None


class Flow:
    """The decisions of one session, in the order the patient meets them.

    Before ``start``: ``first_session`` (show the red flags), ``ice_advice``, ``questions``,
    ``answer_safety`` and ``decide``, ``set_pain_before``, ``psfs_due`` and ``set_psfs``. Then
    ``start(log)`` and every batch of the engine's events through ``handle``; whenever
    ``rating_question`` is set, ask it and pass the answer to ``rate``
    (homecare.session.feedback); after the session ``set_pain_after`` (True: show the
    stop-and-call alert) and ``set_note``, each saved at once.
    """

    def __init__(self, engine: Engine, *, first_session: bool = False) -> None:
        self.engine = engine
        self.first_session = first_session  # show the red flags (RED-1) before it starts
        self.decisions: list[safety.Decision] = []  # one per ice/heat step, in step order
        self.pending: list[Pending] = []  # steps still waiting for skip-or-go-on
        self.pain_before: int | None = None
        self.asked = False  # the questions before the session were asked (not from a pipe)
        self.pain_after: int | None = None
        self.note = ""
        self.psfs_ratings: tuple[tuple[str, int], ...] = ()  # (activity, 0-10) as answered
        self.outcome = Outcome()
        self.log: SessionLog | None = None
        self.ratings_due: list[feedback.Question] = []  # rated steps done, not yet answered
        self._held = False  # the flow paused the session for a rating (homecare.session.feedback)

    @classmethod
    def of(cls, routine: Routine, clock: Clock, *, first_session: bool = False) -> Flow:
        """A flow with a new engine for ``routine``."""
        return cls(Engine(compile_plan(routine), clock), first_session=first_session)

    @property
    def routine(self) -> Routine:
        return self.engine.plan.routine

    # -- before the session -------------------------------------------------------------------

    def ice_advice(self) -> str | None:
        """AGE-4: the suggestion to ask about heat when the ice prescription is old, or None."""
        return safety.ice_prescription_advice(self.routine, self.engine.clock.wall().date())

    @property
    def thermal_steps(self) -> list[ThermalStep]:
        """The routine's ice and heat steps: the safety check is asked only if there are any."""
        return [
            ThermalStep(index, step.TYPE, step.display_name)
            for index, step in enumerate(self.routine.steps)
            if isinstance(step, THERMAL_TYPES)
        ]

    @property
    def therapies(self) -> tuple[str, ...]:
        """ "ice", "heat" or both, in that order: what the safety check is about."""
        used = {step.therapy for step in self.thermal_steps}
        return tuple(therapy for therapy in safety.THERAPIES if therapy in used)

    @property
    def questions(self) -> tuple[safety.Question, ...]:
        return safety.questions_for(self.therapies)

    def answer_safety(self, answers: Mapping[str, str]) -> list[Pending]:
        """The steps these answers caution against, each to be ``decide``d; steps with no
        caution are decided (go ahead) here."""
        self.decisions = []
        self.pending = []
        for step in self.thermal_steps:
            cautions = safety.check(step.therapy, answers)
            if cautions:
                self.pending.append(Pending(step, cautions))
            else:
                self.decisions.append(safety.Decision(step.step_index, step.therapy, (), False))
        return list(self.pending)

    def decide(self, step_index: int, skip: bool) -> safety.Decision:
        """The patient's choice for a step the safety answers caution against: a skip leaves
        it out of the session; either way the choice is kept for the log."""
        pending = next(p for p in self.pending if p.step.step_index == step_index)
        self.pending.remove(pending)
        decision = safety.Decision(step_index, pending.step.therapy, pending.cautions, skip)
        self.decisions.append(decision)
        self.decisions.sort(key=lambda d: d.step_index)
        return decision

    def set_pain_before(self, value: int | None) -> None:
        """Pain before the session, the last question before it; after the start, a
        correction saved at once."""
        self.pain_before = value
        self.asked = True
        if self.log is not None:
            self.log.set_pain_before(value)

    def psfs_due(self, last: psfs.Taken | None) -> psfs.Questions | None:
        """The PSFS to ask before this session (after pain before), given the routine's last
        one from the log, or None when it is not due (homecare.session.psfs)."""
        return psfs.questions_for(self.routine, last, self.engine.clock.wall().date())

    def set_psfs(self, ratings: Sequence[tuple[str, int]]) -> None:
        """The patient's PSFS ratings, (activity, 0-10) each, recorded with the session. When
        the patient declines nothing is set or recorded, and it is asked again next session."""
        self.psfs_ratings = psfs.checked(ratings)
        if self.log is not None:
            self.log.record_psfs(self.psfs_ratings)

    # -- the session --------------------------------------------------------------------------

    def start(self, log: SessionLog) -> None:
        """Leave out the steps the patient skipped and record pain before and the choices (if
        the questions were asked: from a pipe, nothing is asked and nothing recorded)."""
        if self.pending:
            raise RuntimeError("a step the safety check cautions against is not decided yet")
        for decision in self.decisions:
            if decision.skipped:
                self.engine.exclude_step(decision.step_index, decision.log_reason)
        self.log = log
        if self.asked:
            log.set_pain_before(self.pain_before)
            log.record_safety_check(self.decisions)
        if self.psfs_ratings:
            log.record_psfs(self.psfs_ratings)

    def handle(self, events: list[ev.Event]) -> None:
        """Count steps done and skipped and how the session ended, and log every event."""
        for event in events:
            if isinstance(event, ev.StepCompleted):
                self.outcome.done.append(event.step_index)
                self._ask_about(event.step_index)
            elif isinstance(event, ev.StepSkipped):
                self.outcome.skipped[event.step_index] = event.reason
            elif isinstance(event, ev.SessionCompleted):
                self.outcome.finished = True
            elif isinstance(event, ev.SessionStopped):
                self.outcome.stopped_reason = event.reason
                self.ratings_due.clear()  # a stop ends the questions too
                self._held = False
        self._log().record(events)
        self._hold_for_rating()

    # -- feedback per exercise (the rules: homecare.session.feedback) -------------------------

    @property
    def rating_question(self) -> feedback.Question | None:
        """The rating to ask now (the timer waits for it), or None."""
        return self.ratings_due[0] if self.ratings_due else None

    def rate(self, value: str | None) -> list[ev.Event]:
        """The answer to ``rating_question`` (None: no answer), logged with its step. Returns
        the engine's events when the session goes on now: handle them as any operation's.
        An answer that comes after a stop ended the question is dropped."""
        if not self.ratings_due:
            return []
        question = self.ratings_due.pop(0)
        if value is not None:
            if value not in feedback.VALUES:
                raise ValueError(f"a rating is one of {', '.join(feedback.VALUES)}, not {value!r}")
            self._log().record_feedback(question.step_index, value)
        if self.ratings_due or not self._held:
            return []
        self._held = False
        return self.engine.resume()

    def _ask_about(self, step_index: int) -> None:
        """Queue the question for a rated step just done, if questions are asked at all."""
        step = self.routine.steps[step_index]
        if self.asked and rated(self.routine, step):
            self.ratings_due.append(feedback.Question(step_index, step.display_name))

    def _hold_for_rating(self) -> None:
        """Pause a running session while a rating is due, so no cue passes unseen."""
        snapshot = self.engine.snapshot()
        running = snapshot.started and not snapshot.finished and not snapshot.paused
        if self.ratings_due and running:
            self._held = True
            self.handle(self.engine.pause())

    # -- after the session --------------------------------------------------------------------

    def set_pain_after(self, value: int | None) -> bool:
        """Pain after, saved at once; True if it calls for the stop-and-call alert (PAIN-1)."""
        self.pain_after = value
        self._log().finish(value, self.note)
        return self.pain_alert

    @property
    def counts(self) -> str:
        """Steps done and skipped, in words, for the end of the session."""
        outcome = self.outcome
        return wording.steps_done(len(outcome.done), len(self.routine.steps), len(outcome.skipped))

    @property
    def pain_alert(self) -> bool:
        """Pain after is high or has gone up since before the session."""
        return safety.pain_needs_attention(self.pain_before, self.pain_after)

    def set_note(self, text: str) -> None:
        self.note = text
        self._log().finish(self.pain_after, text)

    def _log(self) -> SessionLog:
        if self.log is None:
            raise RuntimeError("the session has not started")
        return self.log
