"""The home screen: your routines (then the bundled examples), what is due today, a summary.

The screen paints first (its title and keys); the routine files are read and checked just
after, then the log (what is due today, when last done), each filled in as it comes, so
homecare opens at once with any number of routines and any size of log. A key pressed before
the list shows still acts on it: the routines are read then.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from homecare.base.durations import duration_words
from homecare.base.errors import UserError
from homecare.base.text import counted
from homecare.ui.typed import homecare_app
from homecare.ui.widgets.keys import KeyBar

if TYPE_CHECKING:
    from homecare.routine.model import RoutineFile

EXAMPLE_NOTE = "An example, not a prescription: follow your clinician's advice."


def when_words(moment: datetime, now: datetime) -> str:
    """ "today 09:30", "yesterday", "3 days ago", or the date."""
    days = (now.date() - moment.astimezone(now.tzinfo).date()).days
    if days <= 0:
        return f"today {moment.astimezone(now.tzinfo):%H:%M}"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    return f"{moment:%d %b %Y}"


def summary(routine_file: RoutineFile, today: date | None = None, stage: str = "") -> Text:
    """Steps, total time, prescribed by, notes: all text from the file shown literally; and,
    for an ice routine prescribed more than two weeks before ``today``, the advice to ask about
    heat (AGE-4 in docs/clinical-basis.md). For a staged routine, ``routine_file`` is today's
    stage and ``stage`` says where the patient is ("week 2 of 4, stage 1: ...")."""
    from homecare.session.plan import compile_plan
    from homecare.session.safety import ice_prescription_advice

    routine = routine_file.routine
    plan = compile_plan(routine)
    text = Text(routine.title + "\n", style="bold")
    if routine_file.origin == "example":
        text.append(EXAMPLE_NOTE + "\n", style="italic")
    if stage:
        text.append(stage[:1].upper() + stage[1:] + "\n", style="bold")
    advice = ice_prescription_advice(routine, today) if today else None
    if advice:
        text.append(advice + "\n", style="bold")
    untimed = any(phase.seconds is None for phase in plan.phases)
    steps = len(routine.steps)
    text.append(f"\n{counted(steps, 'step')}, about ")
    text.append(duration_words(plan.total_seconds))
    text.append(" plus the time you take" if untimed else "")
    text.append("\n")
    for number, step in enumerate(routine.steps, 1):
        side = getattr(step, "side", None)
        sides = {None: "", "both": ", both sides"}.get(side, f", {side} side")
        text.append(f"  {number}. ")
        text.append(step.display_name)
        text.append(f" ({step.TYPE}{sides})\n")
    for label, value in (
        ("Prescribed by", routine.prescribed_by),
        ("For", routine.patient),
        ("Contact", routine.contact),
    ):
        if value:
            text.append(f"\n{label}: ", style="bold")
            text.append(value)
    if routine.notes:
        text.append("\n\nNotes\n", style="bold")
        text.append(routine.notes)
    return text


def ordered(routines: list[RoutineFile]) -> list[RoutineFile]:
    """The patient's own routines first, then the bundled examples; by title within each."""
    return sorted(routines, key=lambda r: (r.origin == "example", r.routine.title.casefold()))


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "start", priority=True),
        Binding("h", "app.show_history", "history"),
        Binding("i", "app.show_import", "import"),
        Binding("e", "edit", "edit", show=False),
        Binding("g", "app.show_guide", "ice or heat?"),
        Binding("s", "app.show_settings", "settings"),
        Binding("question_mark", "app.show_help", "help"),
        Binding("q", "app.quit", "quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.routines: list[RoutineFile] = []
        self.loaded = False  # the routines have been read
        self.status: dict[str, str] = {}  # routine id -> "1 of 2 done today, last done ..."
        self.routine_problem = ""  # some routine files could not be read

    def compose(self) -> ComposeResult:
        with Horizontal(id="home"):
            with Vertical(id="routines-box"):
                yield Static("Your routines", classes="title", markup=False)
                yield OptionList(id="routines")
            with VerticalScroll(id="summary-box"):
                yield Static(id="summary", markup=False)
        yield Static(id="home-notice", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.show_notices()
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        if not self.loaded:
            self.load_routines()
        self.call_after_refresh(self.load_log_summary)

    def on_screen_resume(self) -> None:
        if self.status:  # back from a session: what is due today has changed
            self.load_log_summary()

    def show_notices(self) -> None:
        """Settings that could not be read, routine files with problems, and the log's news (it
        could not be opened, or a damaged log was set aside): in words, under the lists."""
        app = homecare_app(self)
        messages = [*app.settings_problems, self.routine_problem, app.log_message]
        text = " ".join(message for message in messages if message)
        notice = self.query_one("#home-notice", Static)
        notice.update(text)
        notice.display = bool(text)

    def load_routines(self) -> None:
        """Read the routines (again after an import or an edit) and list them."""
        self._read_routines()
        self.loaded = True
        self.show_notices()
        self._fill()

    def _read_routines(self) -> None:
        found = homecare_app(self).services.routines()
        self.routines = ordered(found.routines)
        self.routine_problem = (
            f"{counted(len(found.problems), 'problem')} in your routine files, so some are not listed. "
            f"The first: {found.problems[0]}"
            if found.problems
            else ""
        )

    def _options(self) -> list[Option | None]:
        """The patient's routines, then the examples under a heading (None: a separator)."""
        options: list[Option | None] = []
        if not any(r.origin != "example" for r in self.routines):
            options.append(
                Option(
                    Text("None yet: press i to add your clinician's file.", style="italic"),
                    disabled=True,
                )
            )
        shown_examples = False
        for index, routine_file in enumerate(self.routines):
            if routine_file.origin == "example" and not shown_examples:
                shown_examples = True
                options.append(None)
                options.append(
                    Option(Text("Examples (not a prescription)", style="bold"), disabled=True)
                )
            options.append(Option(self._prompt(routine_file), id=str(index)))
        return options

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        if highlighted is not None:
            options.highlighted = highlighted
        elif self.routines:
            options.highlighted = next(
                i for i, option in enumerate(options.options) if not option.disabled
            )
        options.focus()

    def _prompt(self, routine_file: RoutineFile) -> Text:
        prompt = Text(routine_file.routine.title, style="bold")
        if routine_file.origin == "example" and "example" not in prompt.plain.casefold():
            prompt.append(" (example)")
        status = self.status.get(routine_file.routine.id)
        if status:
            prompt.append(f"\n  {status}", style="dim")
        return prompt

    def load_log_summary(self) -> None:
        """What is due today and when last done, for each routine (after the first paint)."""
        app = homecare_app(self)
        app.open_log()
        self.show_notices()
        if app.store is None:
            return
        from homecare.log.adherence import due_today
        from homecare.log.prescriptions import prescription_of
        from homecare.log.stage_today import schedule_of_stage, stage_line, stage_today

        now = app.services.clock.wall()
        store = app.store
        for routine_file in self.routines:
            routine = routine_file.routine
            prescription = prescription_of(routine_file, store.first_day(routine.id))
            schedule = prescription.schedule
            span = stage_today(store, routine_file, now.date())
            if span is not None:
                schedule = schedule_of_stage(store, routine_file, span)
            due = due_today(store, routine.id, schedule, now.date())
            words = "an example: nothing due today" if prescription.example else str(due)
            if due.last_done is not None:
                words += f", last done {when_words(due.last_done, now)}"
            where = stage_line(store, routine_file, now.date())
            self.status[routine.id] = f"{where}\n  {words}" if where else words
        options = self.query_one(OptionList)
        for index, routine_file in enumerate(self.routines):
            options.replace_option_prompt(str(index), self._prompt(routine_file))
        if any(routine_file.routine.stages for routine_file in self.routines):
            self._show_summary()  # today's stage, now that the log gives the start

    @property
    def selected(self) -> RoutineFile | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return None if option.id is None else self.routines[int(option.id)]

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        routine_file = self.selected
        if routine_file is not None:
            app = homecare_app(self)
            today = app.services.clock.wall().date()
            where = ""
            if routine_file.routine.stages:  # today's stage, its start from the log if open
                from homecare.log.stage_today import file_to_run, stage_line

                where = stage_line(app.store, routine_file, today)
                routine_file = file_to_run(app.store, routine_file, today)
            self.query_one("#summary", Static).update(summary(routine_file, today, where))

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.start_selected()

    def action_start(self) -> None:
        self.start_selected()

    def _selected_now(self) -> RoutineFile | None:
        """The selected routine, reading the routines first if a key came before the list."""
        if not self.loaded:
            self.load_routines()
        return self.selected

    def action_edit(self) -> None:
        """Open the routine editor (for clinicians) on a routine from the patient's library."""
        routine_file = self._selected_now()
        if routine_file is None or routine_file.origin != "library":
            self.notify("Only routines in your library can be edited; examples stay as shipped.")
            return
        if routine_file.path.suffix.lower() != ".toml":  # a .homecare pack, pictures and all
            self.notify(
                "This routine is packed with its pictures: edit your .toml file, then "
                "import it again."
            )
            return
        from homecare.ui.screens.editor import EditorScreen

        def saved(path: Path | None) -> None:
            if path is not None:
                self.load_routines()

        self.app.push_screen(EditorScreen(routine_file.path, routine_file.routine), saved)

    def start_selected(self) -> None:
        routine_file = self._selected_now()
        if routine_file is not None:
            homecare_app(self).start_routine(routine_file)


class ImportScreen(ModalScreen[None]):
    """Add a routine file from the clinician to the library (checked before it is added)."""

    BINDINGS = [Binding("escape", "dismiss", "back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Static("Import a routine file", classes="title", markup=False)
            yield Static("Type or paste the file's path, then Enter.", markup=False)
            yield Input(placeholder="e.g. ~/Downloads/my-routine.toml", id="path")
            yield Static(id="import-result", markup=False)

    def __init__(self) -> None:
        super().__init__()
        self.asked_to_replace: Path | None = None

    def on_input_submitted(self, message: Input.Submitted) -> None:
        from homecare.routine.importing import NeedsConfirmation, import_routine

        result = self.query_one("#import-result", Static)
        path = Path(message.value.strip()).expanduser()
        try:
            imported = import_routine(path, replace=path == self.asked_to_replace)
        except NeedsConfirmation as question:
            self.asked_to_replace = path
            result.update(Text(f"{question}\nPress Enter again to replace it."))
            return
        except UserError as error:
            result.update(Text(str(error)))
            return
        result.update(Text(f"Added: {imported.routine.title}. Press Escape to go back."))
        home = self.app.screen_stack[-2]
        if isinstance(home, HomeScreen):
            home.load_routines()
