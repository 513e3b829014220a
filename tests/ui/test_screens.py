"""Settings, help, the ice-or-heat guide, the command palette's actions and NO_COLOR."""

from __future__ import annotations

from homecare.base import settings
from homecare.ui.app import screen_commands
from homecare.ui.screens.guide import GuideScreen
from homecare.ui.screens.help import HelpScreen
from homecare.ui.screens.home import HomeScreen
from homecare.ui.screens.settings import SettingsScreen


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_settings_change_sound_beeps_and_theme_and_are_saved(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("2", "b", "t")
        assert "No speech command found on this computer" in shown(app, "#choices")
        assert "Saved." in shown(app, "#message")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    saved, problems = settings.load()
    assert saved.sound == "speech" and saved.countdown_beeps and problems == []
    assert saved.theme != settings.DEFAULT_THEME and app.theme == saved.theme


async def test_countdown_beeps_ring_once_a_second_in_the_last_three(make_app, clock, bell):
    app = make_app(settings=settings.Settings(countdown_beeps=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "n", "3", "s")
        assert bell.patterns == [3]  # get into position (3 s): no tick at the very start
        for _ in range(3):
            clock.advance(1)
            app.screen.catch_up()
        assert bell.patterns == [3, 1, 1, 1]  # 2, 1, then one ring: contract


async def test_sound_off_rings_nothing(make_app, clock, bell):
    app = make_app(settings=settings.Settings(sound="off", countdown_beeps=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "n", "3", "s")
        clock.advance(10)
        app.screen.catch_up()
    assert bell.patterns == []


async def test_help_lists_the_keys_and_the_safety_advice(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help Static:last-of-type").render())
        assert "Space       pause" in text and "numbness, tingling or weakness" in text
        assert "loss of bladder or bowel control" in text and "homecare's addition" in text
        assert "Five rings: take the ice or heat pack off now." in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_guide_explains_and_defers_to_the_prescription(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, GuideScreen)
        await pilot.press("2", "2", "n", "3", "n")  # chronic, cold area, body neither, no swelling
        text = shown(app, "#suggestion")
        assert "Your answers point to HEAT." in text
        assert "cold, pale or tight" in text
        assert "Follow your clinician's prescription: this guide never changes it." in text
        await pilot.press("r")
        assert "Question 1 of 5" in shown(app, "#progress")


async def test_command_palette_offers_the_home_actions(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in screen_commands(app, app.screen)]
        assert titles == ["Start routine", "History", "Import", "Ice or heat?", "Settings", "Help"]
        await pilot.press("ctrl+p")
        await pilot.press(*"ice or")
        await pilot.press("enter")
        assert isinstance(app.screen, GuideScreen)


async def test_no_color_keeps_every_cue_in_words(make_app, monkeypatch, clock):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await pilot.press("enter", "1", "n", "3", "s")
        clock.advance(3)
        app.screen.catch_up()
        assert shown(app, "#band") == "CONTRACT"


ROUTINE_TOML = """format = 1
title = "Imported [red]PIR[/red]"
id = "imported-pir"

[[steps]]
type = "rest"
seconds = 5
"""


async def test_import_adds_a_routine_and_asks_before_replacing(make_app, tmp_path):
    from homecare.routine import library

    source = tmp_path / "mine.toml"
    source.write_text(ROUTINE_TOML, encoding="utf-8")
    app = make_app(routines=None)
    app.services.routines = library.catalogue
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.press(*str(source), "enter")
        assert "Added: Imported [red]PIR[/red]" in shown(app, "#import-result")
        await pilot.press("escape")
        assert "Imported [red]PIR[/red]" in str(app.screen.query_one("#routines").options[0].prompt)
        source.write_text(ROUTINE_TOML.replace("seconds = 5", "seconds = 6"), encoding="utf-8")
        await pilot.press("i")
        await pilot.press(*str(source), "enter")
        assert "Press Enter again to replace it." in shown(app, "#import-result")
        await pilot.press("enter")
        assert "Added" in shown(app, "#import-result")


async def test_history_key_opens_the_history_screen(make_app):
    from homecare.ui.screens.history import HistoryScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)


async def test_a_log_that_cannot_open_is_said_and_the_timer_still_runs(
    make_app, clock, bell, tmp_path, monkeypatch
):
    from homecare.log.store import LogUnavailable

    def broken():
        raise LogUnavailable("The session log folder is read-only.")

    blocker = tmp_path / "file"  # the recorder's own tries fail too: no folder can be made
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("HOMECARE_DATA_DIR", str(blocker / "data"))
    app = make_app(open_log=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "n", "3", "s")
        clock.advance(3)
        app.screen.catch_up()
        assert str(app.screen.query_one("#band").render()) == "CONTRACT"
        messages = [n.message for n in app._notifications]
        assert any("read-only" in m for m in messages)
        assert not app.session.recorder.flush(10)
        assert "not being saved" in app.session.recorder.problem
        app.screen.catch_up()
        assert "not being saved" in shown(app, "#log-status")  # on the run screen, not only once
        await pilot.press("q", "y")
        assert "not being saved" in shown(app, "#log-status")  # and on the done screen
        await pilot.press("escape")
        assert "read-only" in shown(app, "#home-notice")


async def test_a_damaged_log_set_aside_is_said_at_home_during_and_after_a_session(make_app):
    from homecare.base import locations

    locations.log_path().parent.mkdir(parents=True, exist_ok=True)
    locations.log_path().write_bytes(b"this is not a database " * 200)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "The session log was damaged" in shown(app, "#home-notice")
        await pilot.press("enter", "1", "n", "3", "s")
        assert "The session log was damaged" in shown(app, "#log-status")
        await pilot.press("q", "y")
        assert "The session log was damaged" in shown(app, "#log-status")


async def test_nothing_about_the_log_is_shown_while_all_is_well(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#home-notice").display
        await pilot.press("enter", "1", "n", "3", "s")
        assert not app.screen.query_one("#log-status").display


async def test_every_home_key_is_shown_even_on_a_narrow_screen(make_app):
    for size in ((80, 24), (60, 20)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            keys = shown(app, "KeyBar")
            for description in (
                "start",
                "history",
                "import",
                "ice or heat?",
                "settings",
                "help",
                "quit",
                "palette",
            ):
                assert description in keys, (size, keys)


def unreadable_cells(app) -> list[str]:
    """Text drawn in the same colour as its background, as the terminal would get it."""
    update = app.screen._compositor.render_update(full=True)
    hidden = []
    for line in update.strips:
        for text, style, _ in (segment for strip in line for segment in strip):
            colour, background = (style.color, style.bgcolor) if style else (None, None)
            drawn = colour is not None and not colour.is_default
            if text.strip() and drawn and colour == background:
                hidden.append(text)
    return hidden


async def test_no_color_with_each_ansi_theme_is_readable(make_app, monkeypatch, clock):
    monkeypatch.setenv("NO_COLOR", "1")
    for theme in ("ansi-dark", "ansi-light", "textual-dark", "textual-light"):
        app = make_app(settings=settings.Settings(theme=theme))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == theme
            assert unreadable_cells(app) == [], theme
            await pilot.press("enter", "1", "n", "3", "s", "space")  # a paused session
            await pilot.pause()
            assert unreadable_cells(app) == [], theme


async def test_no_color_stays_readable_when_the_theme_is_changed(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        while app.theme != "ansi-light":
            await pilot.press("t")
        await pilot.pause()
        assert unreadable_cells(app) == []


async def test_the_guide_never_points_to_heat_for_a_warm_red_or_swollen_area(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "2", "1", "n", "3", "n")  # the answers
        text = shown(app, "#suggestion")
        assert "HEAT." not in text and "do not point clearly" in text
        assert "Heat is not advised where the area is warm, red or swollen." in text
        await pilot.press("r", "s", "3", "n", "3", "n")  # not sure when it started
        text = shown(app, "#suggestion")
        assert "If you are not sure, ask your clinician before using heat." in text
        assert "If you are not sure, ask your clinician before using ice." in text
