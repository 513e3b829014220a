"""The plain-text runner: a session as lines of text (``homecare run --plain``).

For screen readers, slow remote terminals and scripts. Each cue is one line, in words; the
terminal bell rings at each phase change in the app's pattern per kind of phase (one ring to
work, two to ease off, three to move). On a terminal a countdown line is redrawn in place; when
output goes to a file or pipe there are no redraws, only plain lines (the last three seconds
are printed as "3", "2", "1").

This module is the session loop only: the runner sleeps until the engine's next deadline or the
next line of input (``homecare.plain.input``), whichever comes first, and never polls; what it
writes and rings goes through ``homecare.plain.terminal``. Every decision around the session is
the core's ``Flow`` (homecare.session.flow), shared with the app: on a terminal the runner only
asks its questions, each answered by typing a short answer and Enter (the ice and heat safety
check, pain before, and pain after with a note), and shows what it decides; during the session
Enter confirms and a letter + Enter pauses, skips, goes back or stops. When standard input is
not a terminal nothing is asked: each line of input confirms the next untimed phase, and once
input ends untimed phases go on by themselves.
"""

from __future__ import annotations

from typing import TextIO

from homecare.base.durations import clock_face, duration_words
from homecare.base.text import counted, literal
from homecare.plain.input import END_OF_INPUT, LONGEST_WAIT, Asker, Lines, NoAnswer
from homecare.plain.psfs import ask_psfs
from homecare.plain.terminal import Style, Terminal
from homecare.session import feedback, wording
from homecare.session.bells import END_RINGS
from homecare.session.engine import (
    CountdownTick,
    Engine,
    Event,
    Paused,
    PhaseStarted,
    ReminderDue,
    Resumed,
    SessionCompleted,
    SessionStopped,
    StepCompleted,
    StepSkipped,
)
from homecare.session.flow import Flow, Pending, SessionLog
from homecare.session.plan import Phase
from homecare.session.psfs import Taken
from homecare.session.safety import Answer
from homecare.session.wording import PAIN_HIGH, STOP_AND_CALL

KEYS = "Keys: Enter = done (when asked), p = pause/go on, s = skip, b = back, q or Ctrl+C = stop."
SKIP, GO_ON = Answer("s", "skip", wording.SKIP_TODAY), Answer("g", "go on", wording.GO_ON_ANYWAY)
RATING_PROMPT = "Type 1, 2, 3 or 4, then Enter (Enter alone: no answer)."


class PlainRunner:
    """Runs an engine's session from start to end, writing lines to ``out`` and to ``log``."""

    def __init__(
        self,
        engine: Engine,
        inputs: Lines,
        out: TextIO,
        style: Style,
        log: SessionLog,
        *,
        first_session: bool = False,
        last_psfs: Taken | None = None,
        where: str = "",
    ) -> None:
        self.engine = engine
        self.where = where  # a staged routine's "week 2 of 4, stage 1: ..."
        self.flow = Flow(engine, first_session=first_session)
        self.last_psfs = last_psfs  # the routine's latest PSFS in the log: is one due?
        self.inputs = inputs
        self.out = out
        self.style = style
        self.log = log
        self.term = Terminal(out, style, engine.clock)
        self.ask = Asker(self, out)  # reads through self.get, so no early line is lost
        self._early: list[object] = []  # lines read while only waiting for the last rings
        self._input_ended = False
        self._queued_confirms = 0  # lines read before an untimed phase asked for one
        self._shown_step: int | None = None
        self._notice_said = self._problem_said = ""  # what was said about the log
        self._offered: feedback.Question | None = None  # the rating question last printed

    def run(self) -> int:
        """0 when the session completes or is stopped with q, 130 when stopped with Ctrl+C.

        On a terminal the session is framed by the app's questions; a Ctrl+C or the end of input
        before the start leaves nothing started and nothing logged.
        """
        self._header()
        if self.style.ask:
            try:
                self._before_the_session()
            except (KeyboardInterrupt, NoAnswer) as reason:
                self._line("Not started: nothing was recorded.")
                return 130 if isinstance(reason, KeyboardInterrupt) else 1
            self._line(KEYS)
        self.flow.start(self.log)
        code = self._session()
        if code == 0 and self.style.ask and not self._input_ended:
            try:
                self._after_the_session()
            except NoAnswer:
                pass  # the session is over and logged; there is just no rating
            except KeyboardInterrupt:
                return 130
        return code

    # -- the questions around the session ----------------------------------------------------

    def _before_the_session(self) -> None:
        """The safety check for ice and heat steps (the flow leaves out skips), then pain, then
        the PSFS when it is due."""
        flow = self.flow
        if flow.thermal_steps:
            advice = flow.ice_advice()
            if advice:
                self._line(advice)
            questions = flow.questions
            self._line(
                f"{wording.safety_check_title(flow.therapies)}: "
                f"{wording.short_questions(len(questions))}"
            )
            answers = {
                question.id: self.ask.choice(
                    f"Question {number} of {len(questions)}: {question.text}", question.answers
                ).value
                for number, question in enumerate(questions, 1)
            }
            for pending in flow.answer_safety(answers):
                self._skip_or_go_on(pending)
        flow.set_pain_before(self.ask.pain(wording.PAIN_NOW_BEFORE))
        to_ask = flow.psfs_due(self.last_psfs)
        if to_ask is not None:
            ratings = ask_psfs(self.ask, self._line, to_ask)
            if ratings:
                flow.set_psfs(ratings)

    def _skip_or_go_on(self, pending: Pending) -> None:
        """Explain why the step is not advised, and ask the patient to skip it or go on."""
        step = pending.step
        number = step.step_index + 1
        not_advised = wording.not_advised_today(step.therapy)
        self._line(f"Step {number}: {literal(step.name)}. {not_advised}")
        for caution in pending.cautions:
            self._line(f"  * {caution.explanation}")
        self._line(wording.YOU_CHOOSE)
        skip = self.ask.choice(f"Step {number}: skip it or go on?", (SKIP, GO_ON)) is SKIP
        self.flow.decide(step.step_index, skip)
        self._line(f"Step {number}: " + ("skipped today." if skip else "you go on with it."))

    def _after_the_session(self) -> None:
        """Pain after (the clinic's contact if the flow calls for the alert), then a note; each
        saved as soon as it is given."""
        if self.flow.set_pain_after(self.ask.pain(wording.PAIN_NOW_AFTER)):
            contact = self.engine.plan.routine.contact
            self._line(PAIN_HIGH)
            self._line(STOP_AND_CALL)
            if contact:
                self._line(f"{wording.YOUR_CLINIC}{literal(contact)}")
        note = self.ask.text(wording.NOTE_PROMPT + " ")
        if note:
            self.flow.set_note(note)

    # -- the session ---------------------------------------------------------------------------

    def _session(self) -> int:
        try:
            self._handle(self.engine.start())
            while not self.engine.snapshot().finished or self.flow.rating_question:
                self._handle(self._next_events())
            while self.term.rings_later:  # let the last pattern finish
                wait = max(0.0, self.term.rings_later[0] - self.engine.clock.monotonic())
                line = self.inputs.get(wait)
                if line is not None:
                    self._early.append(line)  # an answer typed early, for the next question
                self.term.ring_due()
        except KeyboardInterrupt:
            stopped = self.engine.stop(wording.CTRL_C)  # none if it had already ended
            self._handle(stopped)
            return 130 if stopped else 0
        except BrokenPipeError:
            self.flow.handle(
                self.engine.stop(wording.OUTPUT_CLOSED)
            )  # nowhere to show it, but log it
            raise
        return 0

    def _header(self) -> None:
        """The routine, its notes and the safety advice, before the first cue."""
        routine = self.engine.plan.routine
        steps = len(routine.steps)
        timed = duration_words(self.engine.plan.total_seconds)
        self._line(f"{literal(routine.title)}: {counted(steps, 'step')}, {timed} of timed phases.")
        if self.where:
            self._line(f"{literal(self.where[:1].upper() + self.where[1:])}.")
        self.term.prose(routine.notes)
        contact = f" Contact: {literal(routine.contact)}" if routine.contact else ""
        self._line(STOP_AND_CALL + contact)
        if self.flow.first_session:
            for text in wording.red_flags(literal(routine.contact)):
                self._line(text)

    # -- waiting and input ----------------------------------------------------------------

    def get(self, timeout: float | None) -> object:
        """The next line of input (as ``Lines.get``), first any read early."""
        if self._early:
            return self._early.pop(0)
        return self.inputs.get(timeout)

    def _next_events(self) -> list[Event]:
        """Sleep until the display changes or a line arrives; what the engine says then."""
        if self.flow.rating_question and self._input_ended:
            return self.flow.rate(None)  # no one can answer: go on without a rating
        snapshot = self.engine.snapshot()
        if snapshot.waiting and (self._input_ended or self._queued_confirms):
            self._queued_confirms = max(0, self._queued_confirms - 1)
            return self.engine.confirm()
        if snapshot.paused and self._input_ended:
            return self.engine.resume()  # no one can type "p" again: go on rather than hang
        rings = self.term.rings_later[:1]
        wakes = [t for t in (self.engine.next_deadline(), *rings) if t is not None]
        timeout = max(0.0, min(wakes) - self.engine.clock.monotonic()) if wakes else LONGEST_WAIT
        line = self.get(timeout)
        if line is END_OF_INPUT:
            self._input_ended = True
        elif isinstance(line, str):
            self.term.erase_echo()
            return self._command(line.strip().lower())
        return self.engine.update()

    def _command(self, command: str) -> list[Event]:
        if not self.style.ask:
            self._queued_confirms += 1
            return self.engine.update()
        if self.flow.rating_question:
            return self._rating_reply(command)
        engine = self.engine
        actions = {
            "": engine.confirm,
            "s": engine.skip_phase,
            "b": engine.back,
            "q": lambda: engine.stop(wording.STOPPED_BY_YOU),
        }
        if command == "p":
            return engine.resume() if engine.snapshot().paused else engine.pause()
        if command in actions:
            return actions[command]()
        self._line(KEYS)
        return engine.update()

    def _rating_reply(self, reply: str) -> list[Event]:
        """A line typed while a rating is asked: its key or words, Enter alone for no answer,
        q to stop; anything else asks again."""
        if reply == "q":
            stopped = self.engine.stop(wording.STOPPED_BY_YOU)
            if stopped:
                return stopped
            reply = ""  # the last step's question, the session already over: no answer
        rating = feedback.rating_for(reply) if reply else None
        if reply and rating is None:
            self._line(f"That is not one of the answers. {RATING_PROMPT}")
            return self.engine.update()
        value = rating.value if rating is not None else None
        self._line(f"Noted: {rating.label}." if rating is not None else "No answer.")
        said = feedback.reply_to(value)
        if said:
            self._line(said)
        return self.flow.rate(value)

    def _offer_rating(self) -> None:
        """Print the rating question due, once, as soon as its step is done."""
        question = self.flow.rating_question
        if question is None or question == self._offered:
            return
        self._offered = question
        self._line(f"{literal(question.title)}. {feedback.QUESTION} {feedback.TIMER_WAITS}")
        self._line("  " + ", ".join(f"{r.key} = {r.label}" for r in feedback.RATINGS))
        self._line(RATING_PROMPT)

    # -- output ---------------------------------------------------------------------------

    def _handle(self, events: list[Event]) -> None:
        self.flow.handle(events)
        self.tell_log()
        self.term.ring_due()
        for event in events:
            self._show(event)
        self._offer_rating()
        self._draw_countdown()
        self.out.flush()

    def tell_log(self) -> None:
        """Say, as soon as it is known and once, what the patient must know about the log: a
        damaged log set aside (naming the file kept), a log that cannot be written and why, and
        when it can be written again."""
        notice, problem = self.log.notice, self.log.problem
        if notice and notice != self._notice_said:
            self._notice_said = notice
            self._line(f"Log: {notice}")
        if problem != self._problem_said:
            self._problem_said = problem
            self._line(f"Log: {problem}" if problem else "Log: the log can be written again.")
        self.out.flush()

    def _show(self, event: Event) -> None:
        if isinstance(event, PhaseStarted):
            self._phase_started(event.phase)
        elif isinstance(event, CountdownTick):
            if self.style.countdown_beeps:
                self.term.ring(1)
            if not self.style.redraw:
                self._line(f"  {event.seconds_left}")
        elif isinstance(event, ReminderDue):
            self.term.ring(1)
            self._line(f"  {literal(event.text)}")
        elif isinstance(event, StepCompleted) and not self.engine.snapshot().finished:
            self._offer_rating()  # before the next step's lines (after the last: the end's)
        elif isinstance(event, StepSkipped):
            name = self.engine.plan.routine.steps[event.step_index].display_name
            self._line(
                f"Skipped step {event.step_index + 1} ({literal(name)}): {literal(event.reason)}"
            )
        elif isinstance(event, Paused):
            self._line("Paused." + (" Type p and Enter to go on." if self.style.ask else ""))
            phase = self.engine.snapshot().phase
            if phase is not None and phase.kind.thermal:
                self._line(wording.paused_with_pack(phase.kind))
        elif isinstance(event, Resumed):
            self._line("Going on.")
        elif isinstance(event, (SessionCompleted, SessionStopped)):
            self._finished(event)

    def _phase_started(self, phase: Phase) -> None:
        previous = self._shown_step
        if previous != phase.step_index:
            self._shown_step = phase.step_index
            self._line(
                f"Step {phase.counters[0].number} of {phase.counters[0].total}: "
                f"{literal(phase.step_name)}"
            )
            self.term.prose(phase.instructions)
            picture = self.engine.plan.routine.steps[phase.step_index].image_alt
            if picture:  # words for the picture a terminal would show
                self.term.prose(f"Picture: {picture}")
        side = [f"{phase.side} side"] if phase.side and phase.side not in phase.cue else []
        details = side + [str(c) for c in phase.counters[1:]]
        if phase.seconds is not None:
            how_long = duration_words(phase.seconds)
        else:
            how_long = "press Enter when done" if self.style.ask else "until you are done"
        label = self.term.label(literal(phase.label), phase.kind.tone)
        self.term.ring(phase.kind.rings)
        self._line(
            f"{label}: {literal(phase.cue)} ({how_long})"
            + (f" - {', '.join(details)}" if details else "")
        )

    def _finished(self, event: SessionCompleted | SessionStopped) -> None:
        snapshot = self.engine.snapshot()
        times = (
            f"{clock_face(snapshot.active_seconds)} active, "
            f"{clock_face(snapshot.wall_seconds)} in all."
        )
        if isinstance(event, SessionCompleted):
            self.term.ring(END_RINGS)
            self._line(f"Session complete: {times}")
        else:
            self._line(f"Session stopped ({literal(event.reason)}): {times}")
        self._line(f"{self.flow.counts}.")

    def _draw_countdown(self) -> None:
        """On a terminal, the seconds left on a line of their own, redrawn in place."""
        snapshot = self.engine.snapshot()
        text = ""
        if snapshot.countdown is not None:
            held = " (waiting for your answer)" if self.flow.rating_question else " (paused)"
            text = f"  {clock_face(snapshot.countdown)}" + (held if snapshot.paused else "")
        self.term.countdown(text)

    def _line(self, text: str) -> None:
        self.term.line(text)
