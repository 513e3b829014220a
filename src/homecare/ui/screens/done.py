"""The done screen: what was done, skipped and for how long; pain after; an optional note.

Each answer is saved as soon as it is given, so leaving the screen any way loses nothing. Both
pain ratings can be corrected here (Tab and Shift+Tab move between the questions; the keys are
shown), since the log is what the clinician reads. A pain after of 7 or more, or a rise of 2 or
more, shows the clinic's contact and the stop-and-call advice (the session's flow decides).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from homecare.base.durations import clock_face
from homecare.session import wording
from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.pain import PainScale

if TYPE_CHECKING:
    from homecare.ui.session import SessionController

NOTE_LIMIT = 500


def summary_text(session: SessionController) -> Text:
    """Finished or stopped; steps done and skipped (with reasons); active time."""
    outcome = session.outcome
    routine = session.routine
    text = Text()
    text.append("Finished: " if outcome.finished else "Stopped: ", style="bold")
    text.append(routine.title, style="bold")
    minutes = clock_face(session.engine.snapshot().active_seconds)
    text.append(f"\n{session.flow.counts}, time {minutes}")
    for index, reason in sorted(outcome.skipped.items()):
        text.append(f"\n  skipped step {index + 1}, ")
        text.append(routine.steps[index].display_name)
        text.append(f": {reason}")
    return text


def alert_text(contact: str) -> Text:
    text = Text(wording.PAIN_HIGH + "\n", style="bold")
    text.append(wording.STOP_AND_CALL)
    if contact:
        text.append(f"\n{wording.YOUR_CLINIC}", style="bold")
        text.append(contact)
    return text


class DoneScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "home", "home"),
        Binding("tab", "app.focus_next", "next question"),
        Binding("shift+tab", "app.focus_previous", "previous question"),
    ]

    def __init__(self, session: SessionController) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="done"):
            yield Static(summary_text(self.session), id="summary", markup=False)
            yield Static(id="log-status", markup=False)
            before = PainScale(
                "Pain before the session (correct it if it is wrong):", id="pain-before-again"
            )
            before.rating = self.session.pain_before
            yield before
            yield PainScale(wording.PAIN_NOW_AFTER, id="pain-after")
            yield Static(id="alert", markup=False)
            yield Static(wording.NOTE_PROMPT, markup=False)
            yield Input(placeholder="e.g. easier than yesterday", max_length=NOTE_LIMIT, id="note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#alert").display = False
        self.show_log_status()
        self.query_one("#pain-after", PainScale).focus()

    def show_log_status(self) -> None:
        """Whether what was just saved reached the log (a problem or notice, in words)."""
        message = self.session.log_message
        status = self.query_one("#log-status", Static)
        status.update(Text(message))
        status.display = bool(message)

    def on_pain_scale_rated(self, message: PainScale.Rated) -> None:
        if message.scale.id == "pain-before-again":
            self.session.save_pain_before(message.rating)
            next_question = "#pain-after"
        else:
            self.session.save_pain_after(message.rating)
            next_question = "#note"
        self.show_log_status()
        alert = self.session.flow.pain_alert
        shown = self.query_one("#alert", Static)
        shown.update(alert_text(self.session.routine.contact) if alert else "")
        shown.display = alert
        self.query_one(next_question).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        self.session.save_note(message.value.strip())
        self.action_home()

    def action_home(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        if note:
            self.session.save_note(note)
        self.dismiss(None)
