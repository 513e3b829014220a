"""After a rated exercise, in a small window over the run screen: how did it feel? One key per
answer (1 easy, 2 about right, 3 hard, 4 painful), s or Escape for no answer, q to stop the session
(asked first, as on the run screen). The session waits meanwhile (the flow paused it:
homecare.session.feedback), so no cue passes unseen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from homecare.session import feedback, wording
from homecare.ui.screens.confirm import STOP_SESSION, ConfirmScreen
from homecare.ui.widgets.keys import KeyBar

STOP = "stop"  # what the window dismisses with when the patient stops the session from it

# Colour helps, the word says it: green to red, and bold for painful.
_STYLES = {"easy": "green", "right": "green", "hard": "yellow", "painful": "bold red"}


def choices_text() -> Text:
    """Each answer on its own line: its key, then its word."""
    text = Text()
    for rating in feedback.RATINGS:
        text.append(f"  {rating.key}  ", style="reverse bold")
        text.append(f" {rating.label}\n", style=_STYLES[rating.value])
    text.append(f"  {feedback.NO_ANSWER_KEY}  ", style="reverse")
    text.append(" no answer")
    return text


class FeedbackScreen(ModalScreen[str | None]):
    """Dismisses with the rating as the log keeps it (``easy`` … ``painful``), None for no
    answer, or ``STOP`` when the patient confirmed stopping the session."""

    BINDINGS = [
        *(Binding(r.key, f"answer('{r.value}')", r.label) for r in feedback.RATINGS),
        Binding(f"{feedback.NO_ANSWER_KEY},escape", "answer(None)", "no answer"),
        Binding("q", "stop", "stop"),
    ]

    def __init__(self, question: feedback.Question, *, session_over: bool = False) -> None:
        super().__init__()
        self.question = question
        self.session_over = session_over  # the last step's question: nothing left to stop

    def compose(self) -> ComposeResult:
        with Vertical(id="feedback"):
            yield Static(Text(self.question.title), classes="title", markup=False)
            yield Static(feedback.QUESTION, classes="question", markup=False)
            yield Static(choices_text(), id="feedback-choices", markup=False)
            yield Static(feedback.TIMER_WAITS, classes="hint", markup=False)
            yield Static(wording.STOP_AND_CALL, classes="hint", markup=False)
        yield KeyBar()

    def action_answer(self, value: str | None) -> None:
        self.dismiss(value)

    def action_stop(self) -> None:
        """The run screen's q, which this window would otherwise swallow; "no" asks again.
        After the last step there is nothing to stop: q is no answer."""
        if self.session_over:
            self.dismiss(None)
            return

        def answered(stop: bool | None) -> None:
            if stop:
                self.dismiss(STOP)

        self.app.push_screen(ConfirmScreen(STOP_SESSION), answered)
