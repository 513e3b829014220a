"""Asks screening questions one at a time, one key per answer (from homecare.session.safety)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from homecare.session.safety import Question


class Questionnaire(Vertical, can_focus=True):
    """Shows question k of n with its answers; posts ``Finished`` with {question id: value}."""

    class Finished(Message):
        def __init__(self, answers: dict[str, str]) -> None:
            super().__init__()
            self.answers = answers

    def __init__(self, questions: tuple[Question, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.questions = questions
        self.answers: dict[str, str] = {}

    @property
    def current(self) -> Question | None:
        index = len(self.answers)
        return self.questions[index] if index < len(self.questions) else None

    def compose(self) -> ComposeResult:
        yield Static(id="progress", markup=False)
        yield Static(id="question", classes="question", markup=False)
        yield Static(id="answers", markup=False)

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        question = self.current
        if question is None:
            return
        number = len(self.answers) + 1
        self.query_one("#progress", Static).update(f"Question {number} of {len(self.questions)}")
        self.query_one("#question", Static).update(question.text)
        answers = Text()
        for answer in question.answers:
            answers.append(f" {answer.key} ", style="reverse bold")
            answers.append(f"  {answer.label}\n")
        self.query_one("#answers", Static).update(answers)

    def on_key(self, event: events.Key) -> None:
        question = self.current
        if question is None:
            return
        chosen = next((a for a in question.answers if a.key == event.key), None)
        if chosen is None:
            return
        event.stop()
        self.answers[question.id] = chosen.value
        if self.current is None:
            self.post_message(self.Finished(dict(self.answers)))
        else:
            self._show()

    def restart(self) -> None:
        self.answers.clear()
        self._show()

    def back(self) -> bool:
        """Go back one question; False when already at the first."""
        if not self.answers:
            return False
        self.answers.popitem()
        self._show()
        return True
