"""SVG snapshots at 80x24 with a frozen clock (update with --snapshot-update after a real change)."""

from __future__ import annotations

import pytest

SIZE = (80, 24)


@pytest.fixture
def app(make_app):
    return make_app()


async def start_session(pilot) -> None:
    await pilot.press("enter", "1", "n", "3", "s", "4")  # safety check: ice skipped; pain 4


def test_home(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE)


def test_safety_check_verdict(snap_compare, app):
    assert snap_compare(app, press=["enter", "1", "n", "1"], terminal_size=SIZE)


def test_run_contract(snap_compare, app, clock):
    async def run_before(pilot) -> None:
        await start_session(pilot)
        clock.advance(3)
        pilot.app.screen.catch_up()

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_run_relax(snap_compare, app, clock):
    async def run_before(pilot) -> None:
        await start_session(pilot)
        clock.advance(3 + 5 + 2)
        pilot.app.screen.catch_up()

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_run_ice_with_skin_check(snap_compare, make_app, clock):
    async def run_before(pilot) -> None:
        await pilot.press("enter", "1", "n", "3", "s")  # no warnings for ice; skip pain
        for _ in range(5):
            await pilot.press("n")
        await pilot.press("enter")  # the pack is on
        clock.advance(60)
        pilot.app.screen.catch_up()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_done_with_pain_alert(snap_compare, app, clock):
    async def run_before(pilot) -> None:
        await start_session(pilot)
        await pilot.press("q", "y", "8")

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_run_at_60x20_keeps_countdown_and_cue(snap_compare, app, clock):
    async def run_before(pilot) -> None:
        await start_session(pilot)
        clock.advance(3)
        pilot.app.screen.catch_up()

    assert snap_compare(app, run_before=run_before, terminal_size=(60, 20))


def test_run_at_80x10_keeps_the_countdown(snap_compare, app, clock):
    async def run_before(pilot) -> None:
        await start_session(pilot)
        clock.advance(3)
        pilot.app.screen.catch_up()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 10))


def test_run_at_160x50_shows_a_large_countdown(snap_compare, app, clock):
    async def run_before(pilot) -> None:
        await start_session(pilot)
        clock.advance(3)
        pilot.app.screen.catch_up()

    assert snap_compare(app, run_before=run_before, terminal_size=(160, 50))


def test_pain_before_shows_the_clinicians_notes(snap_compare, app):
    assert snap_compare(app, press=["enter", "1", "n", "3"], terminal_size=SIZE)
