"""A 0 to 10 pain rating with one key per number (t for 10), and s to skip."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

TEN_KEY = "t"
SKIP_KEY = "s"


def key_for(rating: int) -> str:
    return TEN_KEY if rating == 10 else str(rating)


class PainScale(Vertical, can_focus=True):
    """Asks one pain question; posts ``Rated`` with a number, or None when skipped."""

    BINDINGS = [
        *(Binding(key_for(n), f"rate({n})", str(n), show=False) for n in range(11)),
        Binding(SKIP_KEY, "rate(None)", "skip"),
    ]

    class Rated(Message):
        def __init__(self, scale: PainScale, rating: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.rating = rating

    def __init__(self, question: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = question
        self.rating: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(self.question, classes="question", markup=False)
        yield Static(self._scale_text(), classes="scale", markup=False)
        yield Static(
            f"Press 0 to 9, {TEN_KEY} for 10, or {SKIP_KEY} to skip.",
            classes="hint",
            markup=False,
        )

    def _scale_text(self) -> Text:
        """The numbers in a row, the chosen one marked by reverse video and by > <."""
        scale = Text()
        for n in range(11):
            chosen = n == self.rating
            scale.append(f">{n}<" if chosen else f" {n} ", style="reverse bold" if chosen else "")
            scale.append(" ")
        scale.append("\nno pain" + " " * 13 + "moderate" + " " * 13 + "worst")
        return scale

    def action_rate(self, rating: int | None) -> None:
        self.rating = rating
        self.query_one(".scale", Static).update(self._scale_text())
        self.post_message(self.Rated(self, rating))
