"""The safety check before a routine's ice or heat steps (rules in docs/clinical-basis.md).

Answers that warn against ice or heat, and "not sure" where it matters, are explained in plain
words (``homecare.session.safety``); an ice prescription more than two weeks old brings a suggestion to
ask the clinician about heat (AGE-4), never a change. The patient
then skips that step or goes on anyway. The screen never blocks prescribed homework: it
returns a ``Decision`` per ice/heat step for the engine (skips) and the log (both choices).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from homecare.session import safety, wording
from homecare.ui.widgets.keys import KeyBar
from homecare.ui.widgets.questionnaire import Questionnaire


@dataclass(frozen=True)
class ThermalStep:
    """An ice or heat step of the routine about to run."""

    step_index: int
    therapy: str
    name: str


class SafetyCheckScreen(Screen[list[safety.Decision] | None]):
    """Dismisses with one Decision per ice/heat step, or None if the patient went back."""

    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("s", "choose(True)", "skip this step", show=False),
        Binding("g", "choose(False)", "go on anyway", show=False),
    ]

    def __init__(self, steps: list[ThermalStep], advice: str = "") -> None:
        super().__init__()
        self.steps = steps
        self.advice = advice  # about the prescription's age, shown above the questions
        self.decisions: list[safety.Decision] = []
        self.pending: list[tuple[ThermalStep, tuple[safety.Caution, ...]]] = []
        therapies = sorted({step.therapy for step in steps})
        self.questions = safety.questions_for(therapies)

    def compose(self) -> ComposeResult:
        names = " and ".join(t for t in safety.THERAPIES if any(s.therapy == t for s in self.steps))
        with Vertical(id="safety"):
            yield Static(f"Safety check before {names}", classes="title", markup=False)
            yield Static(
                f"{len(self.questions)} short questions. Answer with one key.", markup=False
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
        for step in self.steps:
            cautions = safety.check(step.therapy, message.answers)
            if cautions:
                self.pending.append((step, cautions))
            else:
                self.decisions.append(safety.Decision(step.step_index, step.therapy, (), False))
        self.query_one(Questionnaire).display = False
        self._show_next()

    def _show_next(self) -> None:
        if not self.pending:
            self.dismiss(sorted(self.decisions, key=lambda d: d.step_index))
            return
        step, cautions = self.pending[0]
        verdict = Text()
        verdict.append(f"Step {step.step_index + 1}: ", style="bold")
        verdict.append(step.name, style="bold")
        therapy = step.therapy.capitalize()
        verdict.append(f"\n{wording.NOT_ADVISED_TODAY.format(therapy=therapy)}\n\n")
        for caution in cautions:
            verdict.append(f"  * {caution.explanation}\n")
        verdict.append(f"\n{wording.YOU_CHOOSE}\n\n")
        verdict.append(" s ", style="reverse bold")
        verdict.append("  Skip this step today\n")
        verdict.append(" g ", style="reverse bold")
        verdict.append("  Go on anyway")
        shown = self.query_one("#verdict", Static)
        shown.update(verdict)
        shown.display = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return bool(self.pending)
        return True

    def action_choose(self, skipped: bool) -> None:
        step, cautions = self.pending.pop(0)
        self.decisions.append(safety.Decision(step.step_index, step.therapy, cautions, skipped))
        self._show_next()

    def action_back(self) -> None:
        questions = self.query_one(Questionnaire)
        if questions.display and questions.back():
            return
        self.dismiss(None)
