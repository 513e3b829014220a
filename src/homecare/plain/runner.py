"""The plain-text runner: a session as lines of text (``homecare run --plain``).

For screen readers, slow remote terminals and scripts. Each cue is one line, in words; the
terminal bell rings at each phase change in the app's pattern per kind of phase (one ring to
work, two to ease off, three to move). On a terminal a countdown line is redrawn in place; when
output goes to a file or pipe there are no redraws, only plain lines (the last three seconds
are printed as "3", "2", "1").

Input is read line by line on a background thread, so the runner sleeps until the engine's next
deadline or the next line, whichever comes first, and never polls. On a terminal the patient
gets the app's questions, each answered by typing a short answer and Enter: the ice and heat
safety check (homecare.session.safety), pain before, and pain after with a note; during the session
Enter confirms and a letter + Enter pauses, skips, goes back or stops. When standard input is
not a terminal nothing is asked: each line of input confirms the next untimed phase, and once
input ends untimed phases go on by themselves.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from homecare.base.durations import duration_words
from homecare.base.text import is_forbidden
from homecare.routine.model import THERMAL_TYPES
from homecare.session import safety, wording
from homecare.session.bells import END_RINGS, RING_GAP_SECONDS, rings_for
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
from homecare.session.plan import Phase
from homecare.session.safety import Answer
from homecare.session.wording import PAIN_HIGH, STOP_AND_CALL

BELL = "\a"
# SGR colours for the label; the words say the same thing, colour is only a help.
COLOURS = {"contract": "1;33", "hold": "1;33", "set": "1;33", "relax": "1;32", "release": "1;32",
           "rest": "1;32", "wait": "1;32", "position": "1;36", "switch-sides": "1;36",
           "ice": "1;34", "heat": "1;31", "pack-on": "1;36",
           "pack-off": "1;35"}  # fmt: skip
KEYS = "Keys: Enter = done (when asked), p = pause/go on, s = skip, b = back, q or Ctrl+C = stop."
STOPPED_BY_CTRL_C = "stopped with Ctrl+C"
OUTPUT_CLOSED = "output closed"
# Cursor up one line and clear it: where the terminal echoed a typed command and its Enter.
ERASE_LINE_ABOVE = "\x1b[1A\x1b[2K"
PAIN_BEFORE = "How much pain do you have right now?"
PAIN_AFTER = "How much pain do you have now?"
SKIP_OR_GO_ON = (Answer("s", "skip", "Skip this step today"), Answer("g", "go on", "Go on anyway"))
# On Windows a wait on a lock cannot be interrupted by Ctrl+C (CPython issue 29971), so waits
# for a line are cut into seconds there; elsewhere an untimed phase waits without waking.
LONGEST_WAIT = 1.0 if sys.platform == "win32" else None
END_OF_INPUT = object()  # what LineReader.get returns once, when input ends


class Lines(Protocol):
    def get(self, timeout: float | None) -> object:
        """The next line, END_OF_INPUT (once), or None if ``timeout`` seconds pass first."""
        ...


class SessionLog(Protocol):
    """Where the session goes: homecare.log.recorder.SessionRecorder."""

    problem: str  # why the log cannot be written now, or ""
    notice: str  # news about the log (a damaged log set aside), or ""

    def record(self, events: list[Event]) -> None: ...
    def set_pain_before(self, value: int | None) -> None: ...
    def record_safety_check(self, decisions: list[safety.Decision]) -> None: ...
    def finish(self, pain_after: int | None = None, note: str = "") -> None: ...


class LineReader:
    """Lines from a stream, read on a daemon thread so waiting for them can time out."""

    def __init__(self, stream: TextIO) -> None:
        self._lines: queue.Queue[object] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: TextIO) -> None:
        try:
            for line in stream:
                self._lines.put(line.rstrip("\r\n"))
        except (OSError, ValueError):
            pass  # a closed or broken input is the same as its end
        self._lines.put(END_OF_INPUT)

    def get(self, timeout: float | None) -> object:
        """The next line, END_OF_INPUT (once), or None if ``timeout`` seconds pass first."""
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            return None


@dataclass(frozen=True)
class Style:
    """How the output may look, decided once from the terminal, NO_COLOR and the settings."""

    redraw: bool  # output is a terminal: redraw the countdown line in place
    colour: bool
    bells: bool
    countdown_beeps: bool
    ask: bool  # input is a terminal: ask the questions, prompt for Enter, take key commands
    escapes: bool = False  # the terminal moves the cursor on escape codes (not TERM=dumb)

    @classmethod
    def detect(cls, out: TextIO, inp: TextIO, *, bells: bool = True, countdown_beeps: bool = False,
               environ: dict[str, str] | None = None) -> Style:  # fmt: skip
        env = os.environ if environ is None else environ
        out_tty, in_tty = _isatty(out), _isatty(inp)
        escapes = out_tty and env.get("TERM") != "dumb"
        if sys.platform == "win32":  # the old Windows console shows escape codes as text
            escapes = escapes and bool(env.get("WT_SESSION") or env.get("TERM"))
        colour = escapes and not env.get("NO_COLOR")
        return cls(out_tty, colour, bells, countdown_beeps, in_tty, escapes)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def literal(text: str) -> str:
    """Text from a routine file as it is, but never a control or invisible character."""
    return "".join(" " if is_forbidden(char) else char for char in text)


class NoAnswer(Exception):
    """Input ended while a question waited for its answer."""


class Asker:
    """Questions on a terminal, each answered by typing a short answer and Enter.

    The choices are shown in words with the answer to type; a wrong answer asks again.
    """

    def __init__(self, inputs: Lines, out: TextIO) -> None:
        self.inputs = inputs  # may hand back lines typed before the question was asked
        self.out = out

    def choice(self, question: str, answers: Sequence[Answer]) -> Answer:
        """One of ``answers``, by its key or its words ("1", "yes", "not sure")."""
        self.out.write(question + "\n")
        for answer in answers:
            self.out.write(f"  {answer.key} = {answer.label}\n")
        keys = [answer.key for answer in answers]
        prompt = f"Type {', '.join(keys[:-1])} or {keys[-1]}, then Enter: "
        while True:
            reply = self.text(prompt).lower()
            for answer in answers:
                if reply in (answer.key, answer.value.lower(), answer.label.lower()):
                    return answer
            self.out.write("That is not one of the answers.\n")

    def pain(self, question: str) -> int | None:
        """A rating from 0 to 10, or None when the patient just presses Enter."""
        self.out.write(f"{question} 0 = no pain, 5 = moderate, 10 = worst.\n")
        while True:
            reply = self.text("Type a number from 0 to 10, or just Enter to skip: ")
            if not reply:
                return None
            if reply in {str(rating) for rating in range(11)}:
                return int(reply)
            self.out.write("Please type a whole number from 0 to 10.\n")

    def text(self, prompt: str) -> str:
        """A line typed after ``prompt``, without surrounding spaces or control characters;
        NoAnswer at end of input."""
        self.out.write(prompt)
        self.out.flush()
        line = None
        try:
            while line is None:  # LONGEST_WAIT keeps Ctrl+C working on Windows
                line = self.inputs.get(LONGEST_WAIT)
        except KeyboardInterrupt:
            self.out.write("\n")  # what follows starts on a line of its own
            raise
        if line is END_OF_INPUT:
            self.out.write("\n")
            raise NoAnswer
        return literal(str(line)).strip()  # a typed escape sequence is not kept in the log


def clock_face(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


class PlainRunner:
    """Runs an engine's session from start to end, writing lines to ``out`` and to ``log``."""

    def __init__(self, engine: Engine, inputs: Lines, out: TextIO, style: Style,
                 log: SessionLog, *, first_session: bool = False) -> None:  # fmt: skip
        self.engine = engine
        self.first_session = first_session  # show the red flags (RED-1) before it starts
        self.inputs = inputs
        self.out = out
        self.style = style
        self.log = log
        self.ask = Asker(self, out)  # reads through self.get, so no early line is lost
        self._early: list[object] = []  # lines read while only waiting for the last rings
        self._decisions: list[safety.Decision] = []  # the safety check's, one per ice/heat step
        self._pain_before: int | None = None
        self._steps_done = self._steps_skipped = 0
        self._input_ended = False
        self._queued_confirms = 0  # lines read before an untimed phase asked for one
        self._countdown_shown = ""  # what the redrawn countdown line holds now
        self._shown_step: int | None = None
        self._rings_later: list[float] = []  # monotonic times of the rest of a bell pattern
        self._notice_said = self._problem_said = ""  # what was said about the log

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
        """The safety check for ice and heat steps (skips excluded), then pain before."""
        routine = self.engine.plan.routine
        steps = [(i, s) for i, s in enumerate(routine.steps) if isinstance(s, THERMAL_TYPES)]
        if steps:
            advice = safety.ice_prescription_advice(routine, self.engine.clock.wall().date())
            if advice:
                self._line(advice)
            therapies = [t for t in safety.THERAPIES if any(s.TYPE == t for _, s in steps)]
            questions = safety.questions_for(therapies)
            self._line(f"Safety check before {' and '.join(therapies)}: "
                       f"{len(questions)} short questions.")  # fmt: skip
            answers = {
                question.id: self.ask.choice(
                    f"Question {number} of {len(questions)}: {question.text}", question.answers
                ).value
                for number, question in enumerate(questions, 1)
            }
            for index, step in steps:
                cautions = safety.check(step.TYPE, answers)
                skipped = bool(cautions) and self._skip_despite(index, step.TYPE, cautions)
                decision = safety.Decision(index, step.TYPE, cautions, skipped)
                self._decisions.append(decision)
                if skipped:
                    self.engine.exclude_step(index, decision.log_reason)
        self._pain_before = self.ask.pain(PAIN_BEFORE)
        self.log.set_pain_before(self._pain_before)
        self.log.record_safety_check(self._decisions)

    def _skip_despite(self, index: int, therapy: str, cautions: tuple[safety.Caution, ...]) -> bool:
        """Explain why the step is not advised; True if the patient skips it, False to go on."""
        name = literal(self.engine.plan.routine.steps[index].display_name)
        not_advised = wording.NOT_ADVISED_TODAY.format(therapy=therapy.capitalize())
        self._line(f"Step {index + 1}: {name}. {not_advised}")
        for caution in cautions:
            self._line(f"  * {caution.explanation}")
        self._line(wording.YOU_CHOOSE)
        chosen = self.ask.choice(f"Step {index + 1}: skip it or go on?", SKIP_OR_GO_ON)
        skip = chosen is SKIP_OR_GO_ON[0]
        self._line(f"Step {index + 1}: " + ("skipped today." if skip else "you go on with it."))
        return skip

    def _after_the_session(self) -> None:
        """Pain after (the clinic's contact if it is high or went up), then a note; each saved
        as soon as it is given."""
        pain = self.ask.pain(PAIN_AFTER)
        self._save_answers(pain, "")
        if safety.pain_needs_attention(self._pain_before, pain):
            contact = self.engine.plan.routine.contact
            self._line(PAIN_HIGH)
            self._line(STOP_AND_CALL)
            if contact:
                self._line(f"Your clinic: {literal(contact)}")
        note = self.ask.text("A note for your log (optional), then Enter: ")
        if note:
            self._save_answers(pain, note)

    def _save_answers(self, pain_after: int | None, note: str) -> None:
        self.log.finish(pain_after, note)

    # -- the session ---------------------------------------------------------------------------

    def _session(self) -> int:
        try:
            self._handle(self.engine.start())
            while not self.engine.snapshot().finished:
                self._handle(self._next_events())
            while self._rings_later:  # let the last pattern finish
                wait = max(0.0, self._rings_later[0] - self.engine.clock.monotonic())
                line = self.inputs.get(wait)
                if line is not None:
                    self._early.append(line)  # an answer typed early, for the next question
                self._ring_due()
        except KeyboardInterrupt:
            stopped = self.engine.stop(STOPPED_BY_CTRL_C)  # none if it had already ended
            self._handle(stopped)
            return 130 if stopped else 0
        except BrokenPipeError:
            self.log.record(self.engine.stop(OUTPUT_CLOSED))  # nowhere to show it, but log it
            raise
        return 0

    def _header(self) -> None:
        """The routine, its notes and the safety advice, before the first cue."""
        routine = self.engine.plan.routine
        steps = len(routine.steps)
        timed = duration_words(self.engine.plan.total_seconds)
        self._line(f"{literal(routine.title)}: {steps} step{'s' if steps != 1 else ''}, "
                   f"{timed} of timed phases.")  # fmt: skip
        for text in routine.notes.splitlines():
            self._line(f"  {literal(text)}")
        contact = f" Contact: {literal(routine.contact)}" if routine.contact else ""
        self._line(STOP_AND_CALL + contact)
        if self.first_session:
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
        snapshot = self.engine.snapshot()
        if snapshot.waiting and (self._input_ended or self._queued_confirms):
            self._queued_confirms = max(0, self._queued_confirms - 1)
            return self.engine.confirm()
        if snapshot.paused and self._input_ended:
            return self.engine.resume()  # no one can type "p" again: go on rather than hang
        wakes = [t for t in (self.engine.next_deadline(), *self._rings_later[:1]) if t is not None]
        timeout = max(0.0, min(wakes) - self.engine.clock.monotonic()) if wakes else LONGEST_WAIT
        line = self.get(timeout)
        if line is END_OF_INPUT:
            self._input_ended = True
        elif isinstance(line, str):
            self._erase_echo()
            return self._command(line.strip().lower())
        return self.engine.update()

    def _erase_echo(self) -> None:
        """Clear what the terminal echoed of a typed command: the letter after the countdown
        and the Enter that moved the cursor down a line; the countdown is drawn again."""
        if self.style.ask and self.style.redraw and self.style.escapes:
            self.out.write(ERASE_LINE_ABOVE)
            self._countdown_shown = ""

    def _command(self, command: str) -> list[Event]:
        if not self.style.ask:
            self._queued_confirms += 1
            return self.engine.update()
        engine = self.engine
        actions = {"": engine.confirm, "s": engine.skip_phase, "b": engine.back,
                   "q": lambda: engine.stop("stopped")}  # fmt: skip
        if command == "p":
            return engine.resume() if engine.snapshot().paused else engine.pause()
        if command in actions:
            return actions[command]()
        self._line(KEYS)
        return engine.update()

    # -- output ---------------------------------------------------------------------------

    def _handle(self, events: list[Event]) -> None:
        self.log.record(events)
        self.tell_log()
        self._ring_due()
        for event in events:
            self._show(event)
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
                self._ring(1)
            if not self.style.redraw:
                self._line(f"  {event.seconds_left}")
        elif isinstance(event, ReminderDue):
            self._ring(1)
            self._line(f"  {literal(event.text)}")
        elif isinstance(event, StepCompleted):
            self._steps_done += 1
        elif isinstance(event, StepSkipped):
            self._steps_skipped += 1
            name = self.engine.plan.routine.steps[event.step_index].display_name
            self._line(f"Skipped step {event.step_index + 1} ({literal(name)}): "
                       f"{literal(event.reason)}")  # fmt: skip
        elif isinstance(event, Paused):
            self._line("Paused." + (" Type p and Enter to go on." if self.style.ask else ""))
            kind = self.engine.snapshot().phase.kind  # type: ignore[union-attr]
            if kind in safety.THERAPIES:
                self._line(wording.paused_with_pack(kind))
        elif isinstance(event, Resumed):
            self._line("Going on.")
        elif isinstance(event, (SessionCompleted, SessionStopped)):
            self._finished(event)

    def _phase_started(self, phase: Phase) -> None:
        previous = self._shown_step
        if previous != phase.step_index:
            self._shown_step = phase.step_index
            self._line(f"Step {phase.counters[0].number} of {phase.counters[0].total}: "
                       f"{literal(phase.step_name)}")  # fmt: skip
            for text in phase.instructions.splitlines():
                self._line(f"  {literal(text)}")
            picture = self.engine.plan.routine.steps[phase.step_index].image_alt
            if picture:  # words for the picture a terminal would show
                self._line(f"  Picture: {literal(picture)}")
        side = [f"{phase.side} side"] if phase.side and phase.side not in phase.cue else []
        details = side + [str(c) for c in phase.counters[1:]]
        if phase.seconds is not None:
            how_long = duration_words(phase.seconds)
        else:
            how_long = "press Enter when done" if self.style.ask else "until you are done"
        label = literal(phase.label)
        if self.style.colour and phase.kind in COLOURS:
            label = f"\x1b[{COLOURS[phase.kind]}m{label}\x1b[0m"
        self._ring(rings_for(phase.kind))
        self._line(f"{label}: {literal(phase.cue)} ({how_long})"
                   + (f" - {', '.join(details)}" if details else ""))  # fmt: skip

    def _finished(self, event: SessionCompleted | SessionStopped) -> None:
        snapshot = self.engine.snapshot()
        times = (f"{clock_face(snapshot.active_seconds)} active, "
                 f"{clock_face(snapshot.wall_seconds)} in all.")  # fmt: skip
        if isinstance(event, SessionCompleted):
            self._ring(END_RINGS)
            self._line(f"Session complete: {times}")
        else:
            self._line(f"Session stopped ({literal(event.reason)}): {times}")
        self._line(f"Done {self._steps_done} of {len(self.engine.plan.routine.steps)} steps, "
                   f"skipped {self._steps_skipped}.")  # fmt: skip

    def _draw_countdown(self) -> None:
        """On a terminal, the seconds left on a line of their own, redrawn in place."""
        if not self.style.redraw:
            return
        snapshot = self.engine.snapshot()
        text = ""
        if snapshot.countdown is not None:
            text = f"  {clock_face(snapshot.countdown)}" + (" (paused)" if snapshot.paused else "")
        if text != self._countdown_shown:
            self.out.write("\r" + text.ljust(len(self._countdown_shown)))
            self._countdown_shown = text

    def _ring(self, times: int) -> None:
        """Ring ``times`` times: spaced out on a terminal, so the pattern can be counted."""
        if not self.style.bells:
            return
        if not self.style.redraw:
            self.out.write(BELL * times)
            return
        self.out.write(BELL)
        now = self.engine.clock.monotonic()
        self._rings_later = [now + RING_GAP_SECONDS * n for n in range(1, times)]

    def _ring_due(self) -> None:
        now = self.engine.clock.monotonic()
        while self._rings_later and self._rings_later[0] <= now:
            self._rings_later.pop(0)
            self.out.write(BELL)
        self.out.flush()

    def _line(self, text: str) -> None:
        if self._countdown_shown:  # put the line where the countdown was
            self.out.write("\r" + " " * len(self._countdown_shown) + "\r")
            self._countdown_shown = ""
        self.out.write(text + "\n")
