"""Help: what homecare does, every key, and the safety advice (``homecare.session.wording``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from homecare.session import wording
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
rest), three rings mean move or get ready (get into position, switch sides, put the pack \
on). Five rings: take the ice or heat pack off now. Four rings: finished.

Before ice or heat, a short safety check asks a few questions. If your answers say the step \
is not advised today, it tells you why; you choose to skip it or go on. The timer starts once \
you say the pack is on, and at the end you are told to take it off and check your skin. If \
you pause during ice or heat, take the pack off too.

"""
HELP += "\n".join((wording.STOP_AND_CALL, wording.EXAMPLES_ARE_EXAMPLES, "", *wording.red_flags()))


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("Help", classes="title", markup=False)
            yield Static(HELP, markup=False)
        yield KeyBar()
