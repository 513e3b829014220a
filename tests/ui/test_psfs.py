"""The PSFS in the app: named, rated, declined, and asked again only when due."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from log.factories import finished
from textual.widgets._toast import Toast

from homecare.log.store import PsfsRating, open_store
from homecare.routine.model import Psfs, RestStep, Routine, RoutineFile
from homecare.ui.screens.pain import PainBeforeScreen
from homecare.ui.screens.psfs import PsfsScreen
from homecare.ui.screens.run import RunScreen

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # the clock fixture's


def psfs_routine(*activities: str, every_days: int = 7) -> RoutineFile:
    routine = Routine(
        title="Back",
        id="psfs-back",
        steps=(RestStep(seconds=30),),
        psfs=Psfs(activities, every_days),
    )
    return RoutineFile(Path("/nowhere/psfs-back.toml"), routine, "f" * 64, "library")


def logged_psfs(app) -> tuple[PsfsRating, ...]:
    assert app.session.recorder.flush(10)
    with open_store() as store:
        (logged,) = store.sessions(with_steps=True)
    return logged.psfs


async def to_psfs(pilot) -> None:
    """Home, Enter, pain before 4: the PSFS is next when it is due."""
    await pilot.pause()
    await pilot.press("enter")
    assert isinstance(pilot.app.screen, PainBeforeScreen)
    await pilot.press("4")


async def test_first_session_the_patient_names_activities_and_rates_them(make_app, screen):
    app = make_app(routines=[psfs_routine()])
    async with app.run_test(size=(80, 24)) as pilot:
        await to_psfs(pilot)
        assert isinstance(app.screen, PsfsScreen)
        assert any("First, name 1 to 5 activities" in line for line in screen(app))
        await pilot.press("enter")  # nothing typed: asked again, nothing added
        assert "Type the activity" in str(app.screen.query_one("#psfs-hint").render())
        await pilot.press(*"Putting on socks", "enter")
        await pilot.press(*"Sitting [bold]long[/bold]", "enter")
        await pilot.press(*"putting  on socks", "enter")  # not a duplicate: case differs
        await pilot.press(*"Putting on socks", "enter")
        assert "already on the list" in str(app.screen.query_one("#psfs-hint").render())
        await pilot.press("enter")  # an empty line: that is all
        text = "\n".join(screen(app))
        assert "Activity 1 of 3: Putting on socks" in text
        assert "0 = unable to do the activity" in text
        assert "Press 0 to 9, or t for 10" in text
        await pilot.press("3")
        assert "Activity 2 of 3: Sitting [bold]long[/bold]" in "\n".join(screen(app))  # literal
        await pilot.press("t", "0")
        assert isinstance(app.screen, RunScreen)
        assert logged_psfs(app) == (
            PsfsRating(0, "Putting on socks", 3),
            PsfsRating(1, "Sitting [bold]long[/bold]", 10),
            PsfsRating(2, "putting on socks", 0),
        )


async def test_listed_activities_are_rated_and_b_goes_back_one(make_app, screen):
    app = make_app(routines=[psfs_routine("Socks", "Stairs\x1b[2J")])
    async with app.run_test(size=(80, 24)) as pilot:
        await to_psfs(pilot)
        assert "Activity 1 of 2: Socks" in "\n".join(screen(app))
        assert not app.screen.query_one("#psfs-name").display
        await pilot.press("6")
        assert "Activity 2 of 2: Stairs [2J" in "\n".join(screen(app))  # never an escape
        assert any("b previous activity" in line for line in screen(app))
        await pilot.press("b")
        assert "Activity 1 of 2: Socks" in "\n".join(screen(app))
        await pilot.press("7", "8")
        assert isinstance(app.screen, RunScreen)
        assert logged_psfs(app) == (PsfsRating(0, "Socks", 7), PsfsRating(1, "Stairs\x1b[2J", 8))


async def test_not_today_records_nothing_and_says_it_will_ask_next_time(make_app, screen):
    app = make_app(routines=[psfs_routine("Socks")])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await to_psfs(pilot)
        assert any("esc not today" in line for line in screen(app))  # the key on screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]  # drawn
        assert toasts == ["Activities\nNot today: you will be asked at your next session."]
        assert logged_psfs(app) == ()


async def test_asked_again_only_once_every_days_have_passed(make_app, clock):
    with open_store() as store:  # a PSFS taken three days ago, of activities the patient named
        earlier = finished(START - timedelta(days=3), "psfs-back")
        ratings = (PsfsRating(0, "Socks", 2), PsfsRating(1, "Stairs", 4))
        store.save(replace(earlier, psfs=ratings), earlier.ended)
    app = make_app(routines=[psfs_routine()])
    async with app.run_test(size=(80, 24)) as pilot:
        await to_psfs(pilot)
        assert isinstance(app.screen, RunScreen)  # not due: 3 of 7 days
        app.session.stop("test")
    clock.advance(4 * 24 * 3600)  # seven days after it was taken
    app = make_app(routines=[psfs_routine()])
    async with app.run_test(size=(80, 24)) as pilot:
        await to_psfs(pilot)
        assert isinstance(app.screen, PsfsScreen)
        assert app.screen.activities == ["Socks", "Stairs"]  # the ones named, asked again
        assert not app.screen.naming


async def test_history_shows_the_patient_their_psfs_over_time(store):
    from test_history_screen import HistoryApp, at
    from textual.widgets import Static

    def taken(days_ago: int, *scores: int):
        rated = tuple(PsfsRating(i, f"[b]Act[/b] {i}", s) for i, s in enumerate(scores))
        session = finished(at(days_ago, 8), "back", title="Back", content_hash="h")
        return replace(session, psfs=rated)

    store.add_sessions([taken(14, 2, 4), finished(at(8, 8), "back"), taken(7, 5, 6)])
    app = HistoryApp(store)
    async with app.run_test(size=(100, 50)):
        shown = str(app.screen.query_one("#psfs", Static).render())
    first, last = at(14, 8).date(), at(7, 8).date()
    assert shown == f"Back: 3.0 on {first}, now 5.5 on {last} (better by 2.5 points)"


async def test_history_has_no_psfs_section_before_one_is_taken(store):
    from test_history_screen import HistoryApp, at

    store.add_sessions([finished(at(1, 8), "back", content_hash="h")])
    app = HistoryApp(store)
    async with app.run_test(size=(100, 50)):
        assert not app.screen.query("#psfs")


async def test_on_a_small_terminal_the_activity_to_rate_is_in_view(make_app, screen):
    # At 40x12 naming the activities scrolled the window down to the input; the rating then
    # showed the scale without the activity it asks about.
    app = make_app(routines=[psfs_routine()])
    async with app.run_test(size=(40, 12)) as pilot:
        await to_psfs(pilot)
        await pilot.press(*"Stairs", "enter", *"Socks", "enter", "enter")
        await pilot.pause()
        assert any("Activity 1 of 2: Stairs" in line for line in screen(app))
        await pilot.press("5")
        await pilot.pause()
        assert any("Activity 2 of 2: Socks" in line for line in screen(app))
