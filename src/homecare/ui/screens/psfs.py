"""The PSFS before a session: name the activities (when the routine lists none), then rate each
0 to 10 with one key (t for 10); Esc says "not today" and nothing is recorded.

The rules (when it is due, which activities, what a name may be) are the core's
(homecare.session.psfs); this screen only asks. Activity names, the clinician's or the
patient's, are shown literally: never read as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from homecare.base.text import literal
from homecare.routine.model import MAX_PSFS_ACTIVITIES
from homecare.session import psfs
from homecare.ui.widgets.keys import KeyBar

TEN_KEY = "t"


def _key_for(score: int) -> str:
    return TEN_KEY if score == 10 else str(score)


class PsfsScreen(Screen[psfs.Ratings | None]):
    """Dismisses with the ratings, (activity, 0-10) each, or None for "not today"."""

    DEFAULT_CSS = """
    #psfs { padding: 1 2; }
    #psfs > .title { text-style: bold; }
    #psfs-named, #psfs-question, #psfs-hint { margin-top: 1; }
    """
    BINDINGS = [
        *(Binding(_key_for(n), f"rate({n})", str(n), show=False) for n in range(11)),
        Binding("escape", "dismiss(None)", "not today"),
        Binding("b", "back", "previous activity"),
    ]

    def __init__(self, questions: psfs.Questions) -> None:
        super().__init__()
        self.activities: list[str] = list(questions.activities)
        self.naming = questions.to_name
        self.ratings: psfs.Ratings = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="psfs", can_focus=False):
            yield Static(f"{psfs.TITLE} (PSFS)", classes="title", markup=False)
            yield Static(psfs.INTRO, markup=False)
            yield Static(id="psfs-named", markup=False)
            yield Input(
                max_length=psfs.ACTIVITY_SPEC.max_length, id="psfs-name", disabled=not self.naming
            )
            yield Static(id="psfs-question", markup=False)
            yield Static(id="psfs-hint", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.naming:
            self._show_naming("")
        else:
            self._show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rate":
            return not self.naming
        if action == "back":
            return not self.naming and bool(self.ratings)
        return True

    # -- naming the activities --------------------------------------------------------------

    def _show_naming(self, problem: str) -> None:
        named = Text(psfs.NAME_INTRO + "\n")
        for number, activity in enumerate(self.activities, start=1):
            named.append(f"\n{number}. {literal(activity)}")
        self.query_one("#psfs-named", Static).update(named)
        name = self.query_one("#psfs-name", Input)
        name.placeholder = f"activity {len(self.activities) + 1}, then Enter"
        name.focus()
        done = " Enter on an empty line when that is all." if self.activities else ""
        self.query_one("#psfs-hint", Static).update(
            problem or f"Type an activity and press Enter.{done} Esc: not today."
        )

    def on_input_submitted(self, message: Input.Submitted) -> None:
        text = psfs.clean_activity(message.value)
        if not text and self.activities:
            self._start_rating()
            return
        problem = psfs.activity_problem(text, self.activities)
        if not problem:
            self.activities.append(text)
        if not problem or text in self.activities:  # a name too long is kept to shorten
            message.input.value = ""
        if len(self.activities) == MAX_PSFS_ACTIVITIES:
            self._start_rating()
        else:
            self._show_naming(problem)

    def _start_rating(self) -> None:
        self.naming = False
        self.query_one("#psfs-name", Input).display = False
        self.query_one("#psfs-named", Static).display = False
        # On a small terminal naming scrolled the window down to the input: from the top, the
        # activity asked about is in view (it follows the short introduction).
        self.query_one("#psfs", VerticalScroll).scroll_home(animate=False)
        self._show_question()
        self.refresh_bindings()

    # -- rating them ------------------------------------------------------------------------

    def _show_question(self) -> None:
        name = self.query_one("#psfs-name", Input)
        name.display, name.disabled = False, True  # the keys 0 to 9 rate
        number = len(self.ratings) + 1
        question = Text(f"Activity {number} of {len(self.activities)}: ", style="bold")
        question.append(literal(self.activities[number - 1]))
        question.append("\n" + psfs.SCALE, style="")
        numbers = "  ".join(str(n) for n in range(11))
        ends = "unable" + " " * (len(numbers) - len("unable") - len("as before")) + "as before"
        question.append(f"\n\n{numbers}\n{ends}")
        self.query_one("#psfs-question", Static).update(question)
        self.query_one("#psfs-hint", Static).update(
            f"Press 0 to 9, or {TEN_KEY} for 10. Esc: not today"
            + (", b: previous activity." if self.ratings else ".")
        )

    def action_rate(self, score: int) -> None:
        self.ratings.append((self.activities[len(self.ratings)], score))
        if len(self.ratings) == len(self.activities):
            self.dismiss(self.ratings)
        else:
            self._show_question()
            self.refresh_bindings()

    def action_back(self) -> None:
        if self.ratings:
            self.ratings.pop()
            self._show_question()
            self.refresh_bindings()
