"""The routine editor: a clinician builds or changes a routine with the keyboard only.

Note for the app (H4): open it with
``self.push_screen(EditorScreen(path, routine), callback)`` where ``routine`` is the loaded
``Routine`` (or ``None`` to start a new file at ``path``); the screen dismisses with the saved
``Path``, or ``None`` if nothing was saved. It uses ``ConfirmScreen`` before discarding edits.
``homecare edit FILE`` runs it alone in ``EditorApp``.

Left: the routine's details and its steps as a list, with the plan preview below. Right: the
form of the selected item, generated from the field specifications (each input shows its range,
its problems appear under it as you type). All checking is ``homecare.clinician.draft``'s.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Footer,
    Input,
    Label,
    ListItem,
    ListView,
    OptionList,
    Select,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from homecare.base.errors import UserError
from homecare.base.text import counted
from homecare.clinician.draft import HEADER, STAGE, Check, Draft, FormField, Target
from homecare.routine.model import STEP_TYPES, Routine
from homecare.routine.problems import Problem
from homecare.routine.specs import (
    ChoiceSpec,
    FlagSpec,
    NumberSpec,
    TableListSpec,
    TextSpec,
)
from homecare.routine.writer import write_routine
from homecare.ui.screens.confirm import ConfirmScreen
from homecare.ui.widgets.picture import StepPicture


class StepList(ListView):
    """The routine's details (first row) and its steps; the keys that change the list."""

    BINDINGS = [
        Binding("a", "screen.add_step", "add step"),
        Binding("d,delete", "screen.remove_step", "delete step"),
        Binding("shift+up,ctrl+up", "screen.move_step(-1)", "move up"),
        Binding("shift+down,ctrl+down", "screen.move_step(1)", "move down"),
        Binding("enter", "screen.edit", "edit", show=True),
        Binding("n", "screen.add_stage", "new stage"),
        Binding("x", "screen.remove_stage", "del stage"),
        # One entry in the footer for both: "[ ] stage" (before, after)
        Binding("left_square_bracket", "screen.go_to_stage(-1)", "stage", key_display="[ ]"),
        Binding("right_square_bracket", "screen.go_to_stage(1)", "stage after", show=False),
    ]


STAGE_KEYS = (
    "From the step list: [ and ] edit the stage before or after, n adds a stage after this one "
    "(a copy of it), x deletes this stage. The steps below this row are this stage's."
)


class StepTypeScreen(ModalScreen[str | None]):
    """Pick the type of a new step; Enter chooses, Escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "cancel")]
    DEFAULT_CSS = """
    StepTypeScreen { align: center middle; }
    StepTypeScreen > Vertical { width: 70; height: auto; border: round $accent; padding: 0 1; }
    StepTypeScreen OptionList { height: auto; max-height: 12; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Add which kind of step?  (Enter to add, Escape to cancel)", markup=False)
            yield OptionList(
                *(
                    Option(Text(f"{name:9} {(cls.__doc__ or '').splitlines()[0]}"), id=name)
                    for name, cls in STEP_TYPES.items()
                )
            )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class EditorScreen(Screen[Path | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "save", priority=True),
        Binding("escape", "back", "back / close"),
    ]
    DEFAULT_CSS = """
    EditorScreen #title { height: 1; background: $primary; color: $text; padding: 0 1; }
    EditorScreen #left { width: 44; border-right: solid $primary; }
    EditorScreen StepList { height: 1fr; min-height: 5; }
    EditorScreen #preview-box { height: 1fr; border-top: solid $primary; }
    EditorScreen #form { padding: 0 1; }
    EditorScreen .field-name { margin-top: 1; text-style: bold; }
    EditorScreen .hint { color: $text-muted; }
    EditorScreen .message { color: $warning; }
    EditorScreen .message.error { color: $error; }
    EditorScreen TextArea { height: 6; }
    EditorScreen #status { height: auto; max-height: 6; padding: 0 1; background: $panel; }
    """

    def __init__(self, path: Path, routine: Routine | None = None) -> None:
        super().__init__()
        self.path = path
        self.draft = Draft(path, routine)
        self.target: Target = HEADER
        # Which form each input belongs to: a late event from a replaced form is ignored.
        self._form_of: WeakKeyDictionary[Widget, Target] = WeakKeyDictionary()
        # One form is built at a time: a list rebuilt highlights a row, which builds the form
        # too, and two builds at once would mount two inputs with the same id.
        self._building = asyncio.Lock()
        self.saved_table = self.draft.table() if routine is not None else None
        self.check: Check = self.draft.check()
        self.saved: Path | None = None

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title", markup=False)
        with Horizontal():
            with Vertical(id="left"):
                yield StepList(*self._list_items(), id="steps")
                with VerticalScroll(id="preview-box"):
                    yield Static(id="preview", markup=False)
                yield StepPicture(id="editor-picture")
            yield VerticalScroll(id="form")
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StepList).focus()
        self._refresh_checks()

    def _list_items(self) -> list[ListItem]:
        rows = ["Routine details and schedule"]
        if self.draft.stages:  # the stage edited, then its steps
            rows.append(self.draft.stage_label())
        rows += [self.draft.step_label(i) for i in range(len(self.draft.steps))]
        return [ListItem(Label(Text(row))) for row in rows]

    @property
    def _first_step_row(self) -> int:
        return 2 if self.draft.stages else 1

    def _row_of(self, target: Target) -> int:
        if target is HEADER:
            return 0
        return 1 if target == STAGE else int(target) + self._first_step_row

    def _target_of(self, row: int | None) -> Target:
        if not row:
            return HEADER
        return STAGE if row < self._first_step_row else row - self._first_step_row

    def _title_of(self, target: Target) -> str:
        if target is HEADER:
            return "Routine details"
        return self.draft.stage_label() if target == STAGE else self.draft.step_label(int(target))

    @property
    def _stage_number(self) -> int | None:
        """The stage edited, from 1, as problems name it (None without stages)."""
        return self.draft.stage + 1 if self.draft.stages else None

    async def _rebuild_list(self, select: Target) -> None:
        steps = self.query_one(StepList)
        await steps.clear()
        await steps.extend(self._list_items())
        steps.index = self._row_of(select)
        await self._show_form(select)

    @on(ListView.Highlighted, "#steps")
    async def _highlighted(self, event: ListView.Highlighted) -> None:
        target = self._target_of(event.list_view.index)
        if target != self.target or not self.query_one("#form").children:
            await self._show_form(target)

    async def _show_form(self, target: Target) -> None:
        async with self._building:
            await self._build_form(target)

    async def _build_form(self, target: Target) -> None:
        self.target = target
        form = self.query_one("#form", VerticalScroll)
        await form.remove_children()
        title = self._title_of(target)
        widgets: list[Widget] = [Static(Text(title, style="bold"))]
        if target == STAGE:
            widgets.append(Static(Text(STAGE_KEYS), classes="hint"))
        for field in self.draft.fields(target):
            field_input = _input_for(field)
            self._form_of[field_input] = target
            widgets += [
                Label(Text(field.name), classes="field-name"),
                field_input,
                Static(Text(field.hint), classes="hint"),
                Static("", id=_message_id(field.name), classes="message", markup=False),
            ]
        await form.mount_all(widgets)
        form.scroll_home(animate=False)
        self._refresh_checks()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys of stages show once the routine has stages ("new stage" always does)."""
        if action in ("remove_stage", "go_to_stage"):
            return bool(self.draft.stages)
        return True

    # --- editing -------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _edited(
        self, event: Input.Changed | TextArea.Changed | Select.Changed | Checkbox.Changed
    ) -> None:
        widget = event.text_area if isinstance(event, TextArea.Changed) else event.control
        if widget is None or widget not in self._form_of or widget.id is None:
            return  # not a form input
        target = self._form_of[widget]
        if target != self.target:
            return  # an input of a form already replaced
        self.draft.set_text(target, _field_of(widget.id.removeprefix("field-")), _text_of(widget))
        if target is not HEADER:
            item = self.query_one(StepList).children[self._row_of(target)]
            item.query_one(Label).update(Text(self._title_of(target)))
        self._refresh_checks()

    def action_edit(self) -> None:
        """Enter on the list: go to the first input of the form."""
        inputs = [w for w in self.query_one("#form").children if w.id and w.id.startswith("field-")]
        if inputs:
            inputs[0].focus()

    def action_back(self) -> None:
        """Escape: from the form back to the list; from the list, close the editor."""
        if not isinstance(self.focused, StepList):
            self.query_one(StepList).focus()
            return
        if not self.dirty:
            self.dismiss(self.saved)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(self.saved)

        self.app.push_screen(ConfirmScreen("Close without saving your changes?"), discard)

    def action_add_step(self) -> None:
        async def add(step_type: str | None) -> None:
            if step_type is None:
                return
            at = self.target + 1 if isinstance(self.target, int) else 0
            index = self.draft.add_step(step_type, at)
            await self._rebuild_list(index)
            self.query_one(StepList).focus()

        self.app.push_screen(StepTypeScreen(), add)

    async def action_remove_step(self) -> None:
        if not isinstance(self.target, int):
            also = " x deletes the stage." if self.draft.stages else ""
            self.notify(
                f"Select a step to delete (the routine details stay).{also}", severity="warning"
            )
            return
        self.draft.remove_step(self.target)
        remaining = len(self.draft.steps)
        await self._rebuild_list(min(self.target, remaining - 1) if remaining else HEADER)

    async def action_move_step(self, delta: int) -> None:
        if not isinstance(self.target, int):
            return
        await self._rebuild_list(self.draft.move_step(self.target, delta))

    async def action_add_stage(self) -> None:
        """A new stage after the one edited, as a copy of it: change what progresses."""
        self.draft.add_stage()
        await self._rebuild_list(STAGE)
        self.query_one(StepList).focus()
        self.notify(
            f"Added {self.draft.stage_label()}, a copy of the stage before: "
            "give it a name and a length, then change its steps.",
            markup=False,
        )

    def action_remove_stage(self) -> None:
        if not self.draft.stages:
            return
        label = self.draft.stage_label()

        async def remove(yes: bool | None) -> None:
            if yes:
                self.draft.remove_stage()
                await self._rebuild_list(STAGE if self.draft.stages else HEADER)
                self.query_one(StepList).focus()

        self.app.push_screen(ConfirmScreen(f"Delete {label} and its steps?"), remove)

    async def action_go_to_stage(self, delta: int) -> None:
        if self.draft.stages:
            self.draft.go_to_stage(delta)
            await self._rebuild_list(STAGE)

    def action_save(self) -> None:
        check = self._refresh_checks()
        if check.routine is None:
            self.notify(
                f"Not saved: fix the {counted(len(check.errors), 'error')} listed at the bottom first.",
                title="Not saved",
                severity="error",
            )
            return
        try:
            write_routine(check.routine, self.path, overwrite=True)
        except (OSError, UserError) as error:
            self.notify(f"Could not save {self.path}: {error}", severity="error", markup=False)
            return
        self.saved, self.saved_table = self.path, self.draft.table()
        self._refresh_checks()
        self.notify(f"Saved {self.path}", title="Saved", markup=False)

    # --- what the checks say -------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.draft.table() != self.saved_table

    def _refresh_checks(self) -> Check:
        self.check = check = self.draft.check()
        state = "unsaved changes" if self.dirty else "saved"
        _show(self.query_one("#title", Static), f"Editing {self.path}  ({state})")
        _show(self.query_one("#preview", Static), "\n".join(check.preview()))
        for message in self.query(".message").results(Static):
            name = (message.id or "").removeprefix("msg-")
            problems = check.for_field(self.target, _field_of(name), self._stage_number)
            _show(message, "\n".join(_problem_words(p) for p in problems))
            message.set_class(any(p.severity == "error" for p in problems), "error")
        _show(self.query_one("#status", Static), _status(check))
        self._preview_picture(check)
        return check

    def _preview_picture(self, check: Check) -> None:
        """The selected step's picture, once the draft loads (its path checked like a file's)."""
        step = None
        if check.routine is not None and isinstance(self.target, int):
            routine = check.routine
            steps = routine.stages[self.draft.stage].steps if routine.stages else routine.steps
            step = steps[self.target]
        picture = self.query_one(StepPicture)
        picture.show(self.path, step.image if step else "", step.image_alt if step else "")


_SHOWN: WeakKeyDictionary[Static, str] = WeakKeyDictionary()  # what each Static shows now


def _show(static: Static, text: str) -> None:
    """Show ``text`` literally, hiding the widget when it is empty; unchanged text costs nothing
    (the checks run at every key press, and a relayout of the form at each would lag)."""
    if _SHOWN.get(static) == text:
        return
    _SHOWN[static] = text
    static.update(Text(text))
    static.display = bool(text)


def _status(check: Check) -> str:
    if check.errors:
        first = "\n".join(f"error: {p}" for p in check.errors[:4])
        more = len(check.errors) - 4
        return f"{counted(len(check.errors), 'error')}, cannot save yet:\n{first}" + (
            f"\n… and {more} more" if more > 0 else ""
        )
    if check.warnings:
        listed = "\n".join(f"warning: {p}" for p in check.warnings[:4])
        return f"Valid, with {counted(len(check.warnings), 'warning')}; Ctrl+S saves.\n{listed}"
    return "Valid; Ctrl+S saves."


def _problem_words(problem: Problem) -> str:
    return f"{problem.severity}: {problem.message}"


def _message_id(name: str) -> str:
    return "msg-" + _id_part(name)


def _id_part(name: str) -> str:
    """A field name as part of a widget id (ids cannot hold dots): ``schedule--weeks``."""
    return name.replace(".", "--")


def _field_of(id_part: str) -> str:
    return id_part.replace("--", ".")


def _input_for(field: FormField) -> Widget:
    """The input a field's specification calls for, holding its current value."""
    widget_id = "field-" + _id_part(field.name)
    spec = field.spec
    if isinstance(spec, FlagSpec):
        return Checkbox(Text(spec.help), value=field.text == "true", id=widget_id)
    if isinstance(spec, ChoiceSpec):
        options = [(choice, choice) for choice in spec.choices]
        value = field.text if field.text in spec.choices else Select.NULL
        return Select(options, value=value, prompt="(not set)", id=widget_id, compact=True)
    multiline = isinstance(spec, TableListSpec) or (isinstance(spec, TextSpec) and spec.multiline)
    if multiline:
        return TextArea(field.text, id=widget_id, soft_wrap=True, tab_behavior="focus")
    return Input(
        field.text,
        placeholder=f"default: {field.default}" if field.default else "",
        type=("integer" if spec.whole else "number") if isinstance(spec, NumberSpec) else "text",
        max_length=spec.max_length if isinstance(spec, TextSpec) else 0,
        id=widget_id,
        compact=True,
    )


def _text_of(widget: Widget) -> str:
    if isinstance(widget, Checkbox):
        return "true" if widget.value else "false"
    if isinstance(widget, Select):
        return "" if widget.value == Select.NULL else str(widget.value)
    if isinstance(widget, TextArea):
        return widget.text
    assert isinstance(widget, Input)
    return widget.value


class EditorApp(App[Path | None]):
    """``homecare edit FILE``: the editor alone; exits with the saved path or None."""

    TITLE = "homecare editor"
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen #confirm { width: 50; height: auto; border: round $warning; padding: 1 2; }
    """

    def __init__(self, path: Path, routine: Routine | None = None) -> None:
        super().__init__()
        self.path, self.routine = path, routine

    def on_mount(self) -> None:
        self.push_screen(EditorScreen(self.path, self.routine), self.exit)
