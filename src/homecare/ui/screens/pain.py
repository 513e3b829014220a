"""Pain before a session: 0 to 10, one key per number, or skip."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.pain import PainScale

CANCELLED = "cancelled"


class PainBeforeScreen(Screen[int | None | str]):
    """Dismisses with the rating, None when skipped, or CANCELLED when the patient went back."""

    BINDINGS = [Binding("escape", "dismiss('cancelled')", "back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-before"):
            yield Static("Before you start", classes="title", markup=False)
            yield PainScale("How much pain do you have right now?")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PainScale).focus()

    def on_pain_scale_rated(self, message: PainScale.Rated) -> None:
        self.dismiss(message.rating)
