"""Before a session: the clinician's notes in full, then pain 0 to 10 (one key each), or skip.

The home screen has room for the start of the notes only; this is the last screen before the
timer starts, so the notes are shown here whole (scrolled with the arrow and page keys), as the
plain runner prints them.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from homecare.routine.model import Routine
from homecare.session import wording
from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.pain import PainScale

CANCELLED = "cancelled"


LIST_MARKS = ("-", "*", "•")


def reflowed(notes: str) -> str:
    """Notes as paragraphs the screen wraps at its own width: a TOML file's lines break at the
    clinician's editor width, which left ragged half-lines on a narrower terminal. Blank lines
    and lines starting a list item keep their breaks."""
    lines: list[str] = []
    for line in notes.strip().splitlines():
        line = line.strip()
        joins = lines and lines[-1] and line and not line.startswith(LIST_MARKS)
        if joins:
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def notes_text(routine: Routine) -> Text:
    """The routine's notes and the clinic's contact, literally (nothing in them is markup)."""
    text = Text("From your clinician\n", style="bold")
    text.append(reflowed(routine.notes))
    if routine.contact:
        text.append("\nContact: ", style="bold")
        text.append(routine.contact)
    return text


class PainBeforeScreen(Screen[int | None | str]):
    """Dismisses with the rating, None when skipped, or CANCELLED when the patient went back."""

    BINDINGS = [
        Binding("escape", "dismiss('cancelled')", "back"),
        Binding("down", "scroll_notes('down')", "scroll notes", key_display="↑↓"),
        Binding("up", "scroll_notes('up')", "scroll notes", show=False),
        Binding("pagedown", "scroll_notes('page_down')", "scroll notes", show=False),
        Binding("pageup", "scroll_notes('page_up')", "scroll notes", show=False),
    ]

    def __init__(self, routine: Routine | None = None) -> None:
        super().__init__()
        self.notes = notes_text(routine) if routine is not None and routine.notes.strip() else None

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-before"):
            yield Static("Before you start", classes="title", markup=False)
            if self.notes is not None:
                with VerticalScroll(id="clinician-notes", can_focus=False):
                    yield Static(self.notes, markup=False)
            yield PainScale(wording.PAIN_NOW_BEFORE)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(PainScale).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.notes is not None if action == "scroll_notes" else True

    def action_scroll_notes(self, how: str) -> None:
        getattr(self.query_one("#clinician-notes", VerticalScroll), f"scroll_{how}")(animate=False)

    def on_pain_scale_rated(self, message: PainScale.Rated) -> None:
        self.dismiss(message.rating)
