"""The editor screen, driven by keys only with Pilot: build a routine from scratch and save it."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input, Label, Select, Static

from homecare.routine.loader import load_file
from homecare.routine.model import IceStep, PirStep
from homecare.routine.writer import SCHEMA_DIRECTIVE
from homecare.ui.screens.confirm import ConfirmScreen
from homecare.ui.screens.editor import EditorApp, EditorScreen, StepList, StepTypeScreen

SIZE = (110, 36)


async def tab_to(pilot, widget_id: str) -> None:
    """Press Tab until the input is focused: proves it is reachable from the keyboard."""
    for _ in range(40):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}")


async def type_into(pilot, widget_id: str, text: str) -> None:
    await tab_to(pilot, widget_id)
    await pilot.press(*text)


async def add_step(pilot, step_type: str) -> None:
    await pilot.press("escape")  # back to the list
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StepTypeScreen)
    order = ["pir", "stretch", "ice", "heat", "reps", "rest", "interval"]
    await pilot.press(*["down"] * order.index(step_type), "enter")
    await pilot.pause()


def list_label(app, row: int) -> str:
    return str(app.screen.query_one(StepList).children[row].query_one(Label).render())


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_build_a_routine_from_scratch_and_save_it(tmp_path):
    path = tmp_path / "sam-back.toml"
    app = EditorApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen) and isinstance(app.focused, StepList)
        assert "2 errors, cannot save yet" in status(app)

        await pilot.press("ctrl+s")  # refused while invalid
        await pilot.pause()
        assert not path.exists()

        await pilot.press("enter")  # the routine's details
        await type_into(pilot, "field-title", "Lower back")
        await type_into(pilot, "field-patient", "Sam Lee")
        await type_into(pilot, "field-schedule--times_per_day", "2")
        await type_into(pilot, "field-schedule--days", "mon,wed,fri")

        await add_step(pilot, "ice")
        await pilot.press("enter")
        await type_into(pilot, "field-area", "lower back")
        await type_into(pilot, "field-minutes", "12")

        await add_step(pilot, "pir")  # lands after the ice step...
        await pilot.press("shift+up")  # ...and moves up to be first
        await pilot.pause()
        assert [s["type"] for s in screen.draft.steps] == ["pir", "ice"]
        await pilot.press("enter")
        await tab_to(pilot, "field-side")
        await pilot.press("enter")  # open the list of sides
        await pilot.press("down", "down", "down", "enter")  # (not set), left, right, both
        await pilot.pause()
        assert screen.query_one("#field-side", Select).value == "both"
        await type_into(pilot, "field-cycles", "8")  # above the suggested range: a warning
        await pilot.pause()
        message = str(screen.query_one("#msg-cycles", Static).render())
        assert message.startswith("warning: 8 cycles is more than the usual 5")

        await add_step(pilot, "rest")  # added, then removed again
        assert len(screen.draft.steps) == 3
        await pilot.press("d")
        await pilot.pause()
        assert len(screen.draft.steps) == 2

        preview = str(screen.query_one("#preview", Static).render())
        assert "1. Post-isometric relaxation (pir, left then right)" in preview
        assert "Total: about" in preview
        assert "Valid, with 1 warning; Ctrl+S saves." in status(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_text(encoding="utf-8").startswith(SCHEMA_DIRECTIVE)
        assert "(saved)" in str(screen.query_one("#title", Static).render())

        await pilot.press("escape")  # nothing unsaved: closes at once
        await pilot.pause()
    assert app.return_value == path
    routine = load_file(path).routine
    assert (routine.title, routine.id, routine.patient) == ("Lower back", "sam-back", "Sam Lee")
    assert (routine.schedule.times_per_day, routine.schedule.days) == (2, ("mon", "wed", "fri"))
    assert routine.steps == (
        PirStep(side="both", cycles=8),
        IceStep(area="lower back", minutes=12),
    )


async def test_unsaved_changes_are_not_lost_by_accident(tmp_path, routine):
    path = tmp_path / "r.toml"
    app = EditorApp(path, routine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "(saved)" in str(app.screen.query_one("#title", Static).render())
        await pilot.press("down", "enter")  # step 1
        await type_into(pilot, "field-name", "Knee to chest")
        await pilot.press("escape", "escape")  # to the list, then close
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert list_label(app, 1) == "1. Knee to chest (pir, both)"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
    assert app.return_value is None and not path.exists()


async def test_file_text_is_shown_literally(tmp_path, routine, hostile):
    markup = "[red]x[/red] [b]"
    steps = (replace(routine.steps[0], name=markup), *routine.steps[1:])
    app = EditorApp(tmp_path / "r.toml", replace(routine, title=hostile[:80], steps=steps))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#field-title", Input).value == hostile[:80]
        assert markup in str(app.screen.query_one("#preview", Static).render())
        assert f"1. {markup} (pir, both)" in list_label(app, 1)


async def test_save_errors_are_shown_not_raised(tmp_path, routine, unwritable):
    path = unwritable / "r.toml"
    app = EditorApp(path, routine)
    shown: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **options: shown.append(str(message))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    assert len(shown) == 1 and shown[0].startswith(f"Could not save {path}: cannot write")
