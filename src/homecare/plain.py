"""The plain-text runner: a session as lines of text (``homecare run --plain``).

For screen readers, slow remote terminals and scripts. Each cue is one line, in words; the
terminal bell rings at each phase change in the app's pattern per kind of phase (one ring to
work, two to ease off, three to move). On a terminal a countdown line is redrawn in place; when
output goes to a file or pipe there are no redraws, only plain lines (the last three seconds
are printed as "3", "2", "1").

Input is read line by line on a background thread, so the runner sleeps until the engine's next
deadline or the next line, whichever comes first, and never polls. On a terminal, Enter
confirms and a letter + Enter pauses, skips, goes back or stops. When standard input is not a
terminal nothing is asked: each line of input confirms the next untimed phase, and once input
ends untimed phases go on by themselves.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TextIO

from homecare.bells import END_RINGS, RING_GAP_SECONDS, rings_for
from homecare.durations import duration_words
from homecare.engine import (
    CountdownTick,
    Engine,
    Event,
    Paused,
    PhaseStarted,
    ReminderDue,
    Resumed,
    SessionCompleted,
    SessionStopped,
    StepSkipped,
    whole_seconds_left,
)
from homecare.plan import Phase
from homecare.routine.textpolicy import is_forbidden
from homecare.safety import STOP_AND_CALL

BELL = "\a"
# SGR colours for the label; the words say the same thing, colour is only a help.
COLOURS = {"contract": "1;33", "hold": "1;33", "set": "1;33", "relax": "1;32", "release": "1;32",
           "rest": "1;32", "wait": "1;32", "position": "1;36", "switch-sides": "1;36",
           "ice": "1;34", "heat": "1;31"}  # fmt: skip
KEYS = "Keys: Enter = done (when asked), p = pause/go on, s = skip, b = back, q or Ctrl+C = stop."
STOPPED_BY_CTRL_C = "stopped with Ctrl+C"
OUTPUT_CLOSED = "output closed"
# On Windows a wait on a lock cannot be interrupted by Ctrl+C (CPython issue 29971), so waits
# for a line are cut into seconds there; elsewhere an untimed phase waits without waking.
LONGEST_WAIT = 1.0 if sys.platform == "win32" else None
END_OF_INPUT = object()  # what LineReader.get returns once, when input ends


class Lines(Protocol):
    def get(self, timeout: float | None) -> object:
        """The next line, END_OF_INPUT (once), or None if ``timeout`` seconds pass first."""
        ...


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
    ask: bool  # input is a terminal: prompt for Enter and take key commands

    @classmethod
    def detect(cls, out: TextIO, inp: TextIO, *, bells: bool = True, countdown_beeps: bool = False,
               environ: dict[str, str] | None = None) -> Style:  # fmt: skip
        env = os.environ if environ is None else environ
        out_tty, in_tty = _isatty(out), _isatty(inp)
        colour = out_tty and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
        if sys.platform == "win32":  # the old Windows console shows escape codes as text
            colour = colour and bool(env.get("WT_SESSION") or env.get("TERM"))
        return cls(out_tty, colour, bells, countdown_beeps, in_tty)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def literal(text: str) -> str:
    """Text from a routine file as it is, but never a control or invisible character."""
    return "".join(" " if is_forbidden(char) else char for char in text)


def clock_face(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


class PlainRunner:
    """Runs an engine's session from start to end, writing lines to ``out``."""

    def __init__(self, engine: Engine, inputs: Lines, out: TextIO, style: Style,
                 record: Callable[[list[Event]], None] = lambda events: None) -> None:  # fmt: skip
        self.engine = engine
        self.inputs = inputs
        self.out = out
        self.style = style
        self.record = record
        self._input_ended = False
        self._queued_confirms = 0  # lines read before an untimed phase asked for one
        self._countdown_shown = ""  # what the redrawn countdown line holds now
        self._shown_step: int | None = None
        self._rings_later: list[float] = []  # monotonic times of the rest of a bell pattern

    def run(self) -> int:
        """0 when the session completes or is stopped with q, 130 when stopped with Ctrl+C."""
        self._header()
        try:
            self._handle(self.engine.start())
            while not self.engine.snapshot().finished:
                self._handle(self._next_events())
            while self._rings_later:  # let the last pattern finish
                self.inputs.get(max(0.0, self._rings_later[0] - self.engine.clock.monotonic()))
                self._ring_due()
        except KeyboardInterrupt:
            stopped = self.engine.stop(STOPPED_BY_CTRL_C)  # none if it had already ended
            self._handle(stopped)
            return 130 if stopped else 0
        except BrokenPipeError:
            self.record(self.engine.stop(OUTPUT_CLOSED))  # nowhere to show it, but log it
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
        if self.style.ask:
            self._line(KEYS)

    # -- waiting and input ----------------------------------------------------------------

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
        line = self.inputs.get(timeout)
        if line is END_OF_INPUT:
            self._input_ended = True
        elif isinstance(line, str):
            return self._command(line.strip().lower())
        return self.engine.update()

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
        self.record(events)
        self._ring_due()
        for event in events:
            self._show(event)
        self._draw_countdown()
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
        elif isinstance(event, StepSkipped):
            name = self.engine.plan.routine.steps[event.step_index].display_name
            self._line(f"Skipping step {event.step_index + 1} ({literal(name)}): "
                       f"{literal(event.reason)}")  # fmt: skip
        elif isinstance(event, Paused):
            self._line("Paused." + (" Type p and Enter to go on." if self.style.ask else ""))
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
