"""The done screen: what was done, skipped and for how long; pain after; an optional note.

Each answer is saved as soon as it is given, so leaving the screen any way loses nothing. A
pain after of 7 or more, or a rise of 2 or more, shows the clinic's contact and the
stop-and-call advice (homecare.safety).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from homecare import safety, wording
from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.pain import PainScale

NOTE_LIMIT = 500


def summary_text(session) -> Text:
    """Finished or stopped; steps done and skipped (with reasons); active time."""
    outcome = session.outcome
    routine = session.routine
    text = Text()
    text.append("Finished: " if outcome.finished else "Stopped: ", style="bold")
    text.append(routine.title, style="bold")
    seconds = round(session.engine.snapshot().active_seconds)
    minutes = f"{seconds // 60}:{seconds % 60:02d}"
    text.append(
        f"\nDone {len(outcome.done)} of {len(routine.steps)} steps, "
        f"skipped {len(outcome.skipped)}, time {minutes}"
    )
    for index, reason in sorted(outcome.skipped.items()):
        text.append(f"\n  skipped step {index + 1}, ")
        text.append(routine.steps[index].display_name)
        text.append(f": {reason}")
    if session.pain_before is not None:
        text.append(f"\nPain before: {session.pain_before}")
    return text


def alert_text(contact: str) -> Text:
    text = Text(wording.PAIN_HIGH + "\n", style="bold")
    text.append(wording.STOP_AND_CALL)
    if contact:
        text.append("\nYour clinic: ", style="bold")
        text.append(contact)
    return text


class DoneScreen(Screen[None]):
    BINDINGS = [Binding("escape", "home", "home")]

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.pain_after: int | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="done"):
            yield Static(summary_text(self.session), id="summary", markup=False)
            yield Static(id="log-status", markup=False)
            yield PainScale("How much pain do you have now?", id="pain-after")
            yield Static(id="alert", markup=False)
            yield Static("A note for your log (optional), then Enter:", markup=False)
            yield Input(placeholder="e.g. easier than yesterday", max_length=NOTE_LIMIT,
                        id="note")  # fmt: skip
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#alert").display = False
        self.show_log_status()
        self.query_one(PainScale).focus()

    def show_log_status(self) -> None:
        """Whether what was just saved reached the log (a problem or notice, in words)."""
        message = self.session.log_message
        status = self.query_one("#log-status", Static)
        status.update(Text(message))
        status.display = bool(message)

    def on_pain_scale_rated(self, message: PainScale.Rated) -> None:
        self.pain_after = message.rating
        self.session.save_pain_after(message.rating)
        self.show_log_status()
        alert = safety.pain_needs_attention(self.session.pain_before, message.rating)
        shown = self.query_one("#alert", Static)
        shown.update(alert_text(self.session.routine.contact) if alert else "")
        shown.display = alert
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        self.session.save_note(message.value.strip())
        self.action_home()

    def action_home(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        if note:
            self.session.save_note(note)
        self.dismiss(None)
