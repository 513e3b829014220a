"""Before the first session of a routine: the signs that need urgent care, not home treatment.

The words are ``homecare.session.wording.red_flags`` (RED-1 and RED-2 in docs/clinical-basis.md), the
same the plain runner, help and the handout show, with the clinic's contact from the routine.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from homecare.session import wording
from homecare.ui.widgets.keys import KeyBar


class RedFlagsScreen(Screen[bool]):
    """Dismisses with True to go on, False to go back to the home screen."""

    BINDINGS = [
        Binding("enter", "dismiss(True)", "I have read this", priority=True),
        Binding("escape", "dismiss(False)", "back"),
    ]

    def __init__(self, contact: str) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        title, *lines = wording.red_flags(self.contact)
        with VerticalScroll(id="red-flags"):
            yield Static(title.rstrip(":"), classes="title", markup=False)
            yield Static(Text("\n".join(lines)), markup=False)
            yield Static(
                "This is shown before your first session of this routine; it is also "
                "in help (?) and on your handout.",
                markup=False,
            )
        yield KeyBar()
