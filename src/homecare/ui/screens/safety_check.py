"""The safety check before a routine's ice or heat steps (rules in docs/clinical-basis.md).

Answers that warn against ice or heat, and "not sure" where it matters, are explained in plain
words (``homecare.session.safety``); an ice prescription more than two weeks old brings a
suggestion to ask the clinician about heat (AGE-4), never a change. The patient then skips that
step or goes on anyway. The screen never blocks prescribed homework; it only asks and shows:
the session's ``Flow`` turns the answers and choices into decisions for the engine (skips) and
the log (both choices).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from homecare.session import wording
from homecare.session.flow import Flow
from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.questionnaire import Questionnaire


class SafetyCheckScreen(Screen[bool | None]):
    """Asks the flow's questions and, for each step they caution against, skip or go on; the
    flow decides. Dismisses with True when all is decided, or None if the patient went back."""

    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("s", "choose(True)", "skip this step", show=False),
        Binding("g", "choose(False)", "go on anyway", show=False),
    ]

    def __init__(self, flow: Flow) -> None:
        super().__init__()
        self.flow = flow
        self.advice = flow.ice_advice() or ""  # about the prescription's age, above the questions
        self.questions = flow.questions

    def compose(self) -> ComposeResult:
        with Vertical(id="safety"):
            yield Static(
                wording.safety_check_title(self.flow.therapies), classes="title", markup=False
            )
            yield Static(
                f"{wording.short_questions(len(self.questions))} Answer with one key.", markup=False
            )
            if self.advice:
                yield Static(self.advice, id="advice", markup=False)
            yield Questionnaire(self.questions, id="questions")
            yield Static(id="verdict", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Questionnaire).focus()
        self.query_one("#verdict").display = False

    def on_questionnaire_finished(self, message: Questionnaire.Finished) -> None:
        self.flow.answer_safety(message.answers)
        self.query_one(Questionnaire).display = False
        self._show_next()

    def _show_next(self) -> None:
        if not self.flow.pending:
            self.dismiss(True)
            return
        step, cautions = self.flow.pending[0].step, self.flow.pending[0].cautions
        verdict = Text()
        verdict.append(f"Step {step.step_index + 1}: ", style="bold")
        verdict.append(step.name, style="bold")
        verdict.append(f"\n{wording.not_advised_today(step.therapy)}\n\n")
        for caution in cautions:
            verdict.append(f"  * {caution.explanation}\n")
        verdict.append(f"\n{wording.YOU_CHOOSE}\n\n")
        verdict.append(" s ", style="reverse bold")
        verdict.append(f"  {wording.SKIP_TODAY}\n")
        verdict.append(" g ", style="reverse bold")
        verdict.append(f"  {wording.GO_ON_ANYWAY}")
        shown = self.query_one("#verdict", Static)
        shown.update(verdict)
        shown.display = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return bool(self.flow.pending)
        return True

    def action_choose(self, skipped: bool) -> None:
        self.flow.decide(self.flow.pending[0].step.step_index, skipped)
        self._show_next()

    def action_back(self) -> None:
        questions = self.query_one(Questionnaire)
        if questions.display and questions.back():
            return
        self.dismiss(None)
