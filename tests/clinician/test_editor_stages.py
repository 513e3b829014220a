"""The editor's stages, with keys only: make a routine progress, name and size each stage,
change a stage's steps, see a stage's problem under its field, save a format 3 file."""

from __future__ import annotations

from test_editor import SIZE, add_step, list_label, status, type_into  # (rootdir on sys.path)
from textual.widgets import Input, Static

from homecare.routine.loader import load_file
from homecare.routine.model import IceStep, PirStep, Routine
from homecare.routine.writer import write_routine
from homecare.ui.screens.confirm import ConfirmScreen
from homecare.ui.screens.editor import EditorApp, EditorScreen, StepList

PLAIN = Routine(title="Lower back", id="back", steps=(PirStep(cycles=3), IceStep(minutes=15)))


async def clear_and_type(pilot, widget_id: str, text: str) -> None:
    await type_into(pilot, widget_id, "")
    pilot.app.screen.query_one(f"#{widget_id}", Input).value = ""
    await pilot.press(*text)
    await pilot.pause()


async def test_make_a_routine_progress_in_two_stages_and_save_it(tmp_path):
    path = tmp_path / "back.toml"
    write_routine(PLAIN, path)
    app = EditorApp(path, load_file(path).routine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("n")  # the steps become stage 1; stage 2 starts as a copy
        await pilot.pause()
        assert list_label(app, 1) == "Stage 2 of 2: Stage 2"
        assert list_label(app, 2).startswith("1. Post-isometric relaxation (pir")
        assert screen.target == "stage"

        await pilot.press("enter")  # the stage's form: its name and length
        await clear_and_type(pilot, "field-name", "Build up")
        await type_into(pilot, "field-schedule--times_per_day", "1")
        assert list_label(app, 1) == "Stage 2 of 2: Build up"
        await pilot.press("escape")

        await pilot.press("down")  # stage 2's first step: five cycles now
        await pilot.pause()
        await pilot.press("enter")
        await clear_and_type(pilot, "field-cycles", "5")
        await add_step(pilot, "stretch")  # a new step in stage 2 only
        assert [s["type"] for s in screen.draft.steps] == ["pir", "stretch", "ice"]

        await pilot.press("left_square_bracket")  # back to stage 1
        await pilot.pause()
        assert list_label(app, 1) == "Stage 1 of 2: Stage 1"
        assert [s["type"] for s in screen.draft.steps] == ["pir", "ice"]
        await pilot.press("enter")
        await clear_and_type(pilot, "field-name", "Settle the spasm")
        await clear_and_type(pilot, "field-weeks", "")  # no length: an error under weeks
        message = screen.query_one("#msg-weeks", Static)
        assert "missing: every stage needs its length" in str(message.render())
        assert "stage 1 (Settle the spasm), field weeks" in status(app)
        await clear_and_type(pilot, "field-days", "10")
        assert str(message.render()) == ""

        await pilot.press("ctrl+s")
        await pilot.pause()
    routine = load_file(path).routine
    assert routine.format == 3 and routine.steps == ()
    first, second = routine.stages
    assert (first.name, first.days, first.weeks, first.schedule) == (
        "Settle the spasm",
        10,
        None,
        None,
    )
    assert [s.TYPE for s in first.steps] == ["pir", "ice"] and first.steps[0].cycles == 3
    assert (second.name, second.weeks, second.schedule.times_per_day) == ("Build up", 2, 1)
    assert [s.TYPE for s in second.steps] == ["pir", "stretch", "ice"]
    assert second.steps[0].cycles == 5


async def test_deleting_a_stage_asks_first_and_one_stage_left_is_plain_steps_again(tmp_path):
    path = tmp_path / "back.toml"
    write_routine(PLAIN, path)
    app = EditorApp(path, load_file(path).routine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("x")  # no stages yet: nothing to delete
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and screen.draft.stages == []
        assert list_label(app, 1).startswith("1. Post-isometric relaxation")
        assert isinstance(app.focused, StepList)
        assert screen.draft.table()["format"] == 1 and len(screen.draft.table()["steps"]) == 2
