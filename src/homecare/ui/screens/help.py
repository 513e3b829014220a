"""Help: what homecare does, every key, and the safety advice from clinical.md."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from homecare.ui.widgets.keys import KeyBar

HELP = """\
homecare guides the home exercises your clinician prescribed: it times each step, \
tells you what to do in big words and with sounds, and keeps a private log on this computer.

On the home screen
  Up / Down   choose a routine
  Enter       start it
  h           your history
  i           import a routine file from your clinician
  g           "Ice or heat?" guide
  s           settings (sound, beeps, colours)
  ?           this help
  q           quit
  Ctrl+P      all actions in a searchable list

While a routine runs
  Space       pause, and again to go on
  n           skip to the next part
  s           skip the whole step (both sides, every cycle)
  b           back: start this part again (twice quickly: the part before)
  Enter       say you are ready, when the screen waits for you
  q           stop (it asks first, with the timer paused; what you did is kept)

Sounds (if on): one ring means do (contract, hold), two rings mean let go (relax, release, \
rest), three rings mean move (get into position, switch sides). Four rings: finished.

Before ice or heat, a short safety check asks a few questions. If your answers say the step \
is not advised today, it tells you why; you choose to skip it or go on.

Stop and contact your clinician if pain becomes sharp, spreads, or you feel numbness, \
tingling or weakness.
Follow your clinician's prescription; the bundled routines are examples, not a prescription.
"""


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("Help", classes="title", markup=False)
            yield Static(HELP, markup=False)
        yield KeyBar()
