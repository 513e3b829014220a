"""Output for the plain runner: what the terminal (or a pipe) can do, and drawing on it.

``Style`` is decided once from the streams, NO_COLOR and the settings. ``Terminal`` writes the
lines, colours a phase's label by its tone (the words say the same thing, colour is only a
help), redraws the countdown line in place on a terminal, and rings the bell in the app's
pattern per kind of phase, spaced out so the rings can be counted. Kept apart from the session
loop so the loop reads as the session, not as escape codes.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from homecare.base.text import literal
from homecare.session.bells import RING_GAP_SECONDS
from homecare.session.clock import Clock
from homecare.session.kinds import Tone

BELL = "\a"
# Cursor up one line and clear it: where the terminal echoed a typed command and its Enter.
ERASE_LINE_ABOVE = "\x1b[1A\x1b[2K"
# SGR colours for a phase's label, by its tone (one for every tone).
COLOURS = {
    Tone.EFFORT: "1;33",
    Tone.EASE: "1;32",
    Tone.MOVE: "1;36",
    Tone.COLD: "1;34",
    Tone.WARM: "1;31",
    Tone.ALERT: "1;35",
}


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
    def detect(
        cls,
        out: TextIO,
        inp: TextIO,
        *,
        bells: bool = True,
        countdown_beeps: bool = False,
        environ: dict[str, str] | None = None,
    ) -> Style:
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


class Terminal:
    """Lines, a countdown line redrawn in place, coloured labels and bell patterns on ``out``."""

    def __init__(self, out: TextIO, style: Style, clock: Clock) -> None:
        self.out = out
        self.style = style
        self.clock = clock
        self.rings_later: list[float] = []  # monotonic times of the rest of a bell pattern
        self._countdown_shown = ""  # what the redrawn countdown line holds now

    def line(self, text: str) -> None:
        if self._countdown_shown:  # put the line where the countdown was
            self.out.write("\r" + " " * len(self._countdown_shown) + "\r")
            self._countdown_shown = ""
        self.out.write(text + "\n")

    def prose(self, text: str, indent: str = "  ") -> None:
        """Text from a routine file, line by line and shown literally; on a terminal each line
        is wrapped at word boundaries to its width (the terminal would cut words in two), into
        a pipe as written."""
        import shutil  # here, as the command line does: `homecare run` starts without them
        import textwrap

        width = shutil.get_terminal_size().columns - 1 if self.style.redraw else 0
        for line in map(literal, text.splitlines()):
            if width > len(indent) + 20 and len(indent + line) > width:
                self.line(
                    textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
                )
            else:
                self.line(indent + line)

    def label(self, text: str, tone: Tone) -> str:
        """A phase's label, in its tone's colour when colour is on."""
        return f"\x1b[{COLOURS[tone]}m{text}\x1b[0m" if self.style.colour else text

    def countdown(self, text: str) -> None:
        """On a terminal, ``text`` (the seconds left) on a line of its own, redrawn in place."""
        if self.style.redraw and text != self._countdown_shown:
            self.out.write("\r" + text.ljust(len(self._countdown_shown)))
            self._countdown_shown = text

    def erase_echo(self) -> None:
        """Clear what the terminal echoed of a typed command: the letter after the countdown
        and the Enter that moved the cursor down a line; the countdown is drawn again."""
        if self.style.ask and self.style.redraw and self.style.escapes:
            self.out.write(ERASE_LINE_ABOVE)
            self._countdown_shown = ""

    def ring(self, times: int) -> None:
        """Ring ``times`` times: spaced out on a terminal, so the pattern can be counted."""
        if not self.style.bells:
            return
        if not self.style.redraw:
            self.out.write(BELL * times)
            return
        self.out.write(BELL)
        now = self.clock.monotonic()
        self.rings_later = [now + RING_GAP_SECONDS * n for n in range(1, times)]

    def ring_due(self) -> None:
        """The rings of a pattern whose time has come."""
        now = self.clock.monotonic()
        while self.rings_later and self.rings_later[0] <= now:
            self.rings_later.pop(0)
            self.out.write(BELL)
        self.out.flush()
