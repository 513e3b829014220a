"""The "Ice or heat?" guide: the safety questions, a suggestion and why, never an order.

The rules are ``homecare.session.safety``'s (docs/clinical-basis.md): a caution always wins over a sign.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from homecare.session import safety, wording
from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.questionnaire import Questionnaire


def explain(suggestion: safety.Suggestion) -> Text:
    """The suggestion, its reasons, any cautions and the reminder to follow the prescription."""
    text = Text(suggestion.headline + "\n\n", style="bold")
    for reason in suggestion.reasons:
        text.append(f"  * {reason}\n")
    for caution in suggestion.cautions:
        text.append(f"  ! {caution.explanation}\n")
    text.append("\n" + wording.FOLLOW_PRESCRIPTION)
    text.append("\n" + wording.STOP_AND_CALL)
    return text


class GuideScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "back"), Binding("r", "restart", "ask again")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="guide"):
            yield Static("Ice or heat?", classes="title", markup=False)
            yield Static("A guide from your clinic's advice. Answer with one key.", markup=False)
            yield Questionnaire(safety.QUESTIONS, id="questions")
            yield Static(id="suggestion", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.action_restart()

    def action_restart(self) -> None:
        questions = self.query_one(Questionnaire)
        questions.restart()
        questions.display = True
        questions.focus()
        self.query_one("#suggestion").display = False

    def on_questionnaire_finished(self, message: Questionnaire.Finished) -> None:
        self.query_one(Questionnaire).display = False
        shown = self.query_one("#suggestion", Static)
        shown.update(explain(safety.suggest(message.answers)))
        shown.display = True

    def action_back(self) -> None:
        questions = self.query_one(Questionnaire)
        if questions.display and questions.back():
            return
        self.dismiss(None)
