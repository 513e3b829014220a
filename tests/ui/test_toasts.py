"""Every toast the app raises is rendered (Pilot runs with notifications on and lets it paint),
and a crash of the app ends the command with a non-zero exit.

Textual's Pilot hides notifications unless asked: a toast that crashes when drawn (a rich Text
given as the message, markup in a file name) passed the other tests and crashed the real app.
"""

from __future__ import annotations

import gc

import pytest
from textual.widgets._toast import Toast

from homecare.base import streams
from homecare.commands import edit
from homecare.routine.model import RestStep, Routine
from homecare.ui.screens.editor import EditorApp, EditorScreen

SIZE = (110, 36)


@pytest.fixture
def routine() -> Routine:
    return Routine(title="Rest", id="rest", steps=(RestStep(seconds=5),))


def toasts(app) -> list[str]:
    """The text of each toast drawn on the current screen (rendering it, as the screen does)."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]


@pytest.fixture
def markup_path(tmp_path):
    """A routine file whose name would be markup if a toast read it as markup."""
    folder = tmp_path / "[b]clinic"
    folder.mkdir()
    return folder / "r[red].toml"


async def test_saving_in_the_editor_shows_the_saved_toast(markup_path, routine):
    app = EditorApp(markup_path, routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert markup_path.exists()
        assert toasts(app) == [f"Saved\nSaved {markup_path}"]
        assert isinstance(app.screen, EditorScreen)


async def test_a_failed_save_shows_its_error_toast(tmp_path, routine):
    folder = tmp_path / "[b]gone"  # never created: the save fails
    app = EditorApp(folder / "r.toml", routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        (shown,) = toasts(app)
        assert shown.startswith(f"Could not save {folder / 'r.toml'}: ")


async def test_an_invalid_routine_and_deleting_the_details_show_their_toasts(tmp_path):
    app = EditorApp(tmp_path / "new.toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s", "d")
        await pilot.pause()
        assert toasts(app) == [
            "Not saved\nNot saved: fix the 2 errors listed at the bottom first.",
            "Select a step to delete (the routine details stay).",
        ]


async def test_editing_an_example_and_history_without_a_log_show_their_toasts(make_app):
    from homecare.log.store import LogUnavailable

    def broken():
        raise LogUnavailable("The session log folder is [b]read-only[/b].")

    app = make_app(open_log=broken)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("end", "e", "h")  # the example is last; examples are not edited
        await pilot.pause()
        assert toasts(app) == [
            "Only routines in your library can be edited; examples stay as shipped.",
            "The log could not be opened, so there is no history to show.",
        ]


async def test_the_log_problem_toast_is_drawn_off_the_run_screen(make_app, screen):
    from homecare.log.store import LogUnavailable

    def broken():
        raise LogUnavailable("The session log folder is [b]read-only[/b].")

    app = make_app(open_log=broken)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("enter", "1", "n", "3", "s")
        await pilot.pause()
        shown = "\n".join(screen(app))
        assert "Your log" not in shown  # no toast over the countdown...
        assert "The session log folder is [b]read-only[/b]." in shown  # ...a line of the layout
        await pilot.press("q", "y")
        await pilot.pause()
        (shown,) = toasts(app)
        assert shown.startswith("Your log\nThe session log folder is [b]read-only[/b].")


def test_a_crash_in_the_editor_exits_non_zero(tmp_path, routine, monkeypatch):
    """``homecare edit``: Textual shows the traceback and the command must not say success."""

    def crash(self) -> None:
        raise RuntimeError("a bug")

    async def save_and_quit(pilot) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()

    run = EditorApp.run
    monkeypatch.setattr(streams, "require_terminal", lambda what: None)  # headless, as a terminal
    monkeypatch.setattr(EditorScreen, "action_save", crash)
    monkeypatch.setattr(
        EditorApp, "run", lambda app: run(app, headless=True, auto_pilot=save_and_quit)
    )
    path = tmp_path / "r.toml"
    args = type("Args", (), {"file": path})()
    assert edit.run(args) == 1


def test_a_crash_in_the_app_exits_non_zero(monkeypatch):
    """``homecare`` and ``homecare run NAME`` (``launch``) end with 1 when the app crashed."""
    from homecare.commands.app import launch
    from homecare.ui.app import HomecareApp
    from homecare.ui.screens.home import HomeScreen

    def crash(self) -> None:
        raise RuntimeError("a bug")

    async def press_history(pilot) -> None:
        await pilot.press("h")
        await pilot.pause()

    run = HomecareApp.run
    monkeypatch.setattr(streams, "require_terminal", lambda what: None)  # headless, as a terminal
    monkeypatch.setattr(HomeScreen, "on_mount", crash)
    monkeypatch.setattr(
        HomecareApp, "run", lambda app: run(app, headless=True, auto_pilot=press_history)
    )
    try:
        assert launch() == 1
    finally:
        gc.unfreeze()  # launch freezes what exists, for a real process's exit
