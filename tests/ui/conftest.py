"""Fakes for driving the app: a fake clock, a counting bell, a test routine and a temp log."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from homecare.base.settings import Settings
from homecare.routine.library import Catalogue
from homecare.routine.model import (
    IceStep,
    PirStep,
    RepsStep,
    RestStep,
    Routine,
    RoutineFile,
    Schedule,
)
from homecare.session.clock import FakeClock
from homecare.ui.app import Services, create_app

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class CountingBell:
    """Records each ring pattern: [1, 2] means one ring, then two rings."""

    def __init__(self) -> None:
        self.patterns: list[int] = []

    def ring(self, times: int) -> None:
        self.patterns.append(times)


def test_routine(**changes) -> Routine:
    """PIR (2 cycles, left side), ice for 2 minutes, one set of reps, a short rest."""
    fields = dict(
        title="Test back routine",
        id="test-back",
        prescribed_by="Dr [bold]Markup[/bold] Test",
        contact="Call 555-0100",
        notes="Go gently.",
        schedule=Schedule(times_per_day=2),
        steps=(
            PirStep(
                name="Back PIR",
                side="left",
                contract_seconds=5,
                relax_seconds=6,
                cycles=2,
                setup_seconds=3,
                instructions="Lie on your side.",
            ),
            IceStep(minutes=2, area="lower back", check_skin_every_minutes=1),
            RepsStep(name="Bridges", reps=5, sets=1),
            RestStep(seconds=4),
        ),
    )
    fields.update(changes)
    return Routine(**fields)


def routine_file(routine: Routine, origin: str = "library") -> RoutineFile:
    return RoutineFile(Path(f"/nowhere/{routine.id}.toml"), routine, "f" * 64, origin)


def example_routine() -> RoutineFile:
    return routine_file(
        Routine(title="Demo", id="demo", steps=(RestStep(seconds=5),)), origin="example"
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def bell() -> CountingBell:
    return CountingBell()


@pytest.fixture
def make_app(clock, bell, monkeypatch):
    """make_app(routines=None, settings=None, red_flags=False, **services) -> HomecareApp with
    fakes. The red flags shown before a routine's first session are left out unless asked for
    (``homecare.log.before_session`` is tested on its own)."""
    from dataclasses import replace

    from homecare.ui import session

    what_the_log_says = session.what_the_log_says

    def make(routines=None, settings=None, red_flags=False, **overrides):
        monkeypatch.setattr(
            session,
            "what_the_log_says",
            lambda app, file: replace(what_the_log_says(app, file), first_session=red_flags),
        )
        files = (
            routines if routines is not None else [routine_file(test_routine()), example_routine()]
        )
        services = Services(
            clock=clock,
            routines=lambda: Catalogue(list(files), []),
            bell=bell,
            speech=lambda: None,
            **overrides,
        )
        return create_app(services, settings or Settings())

    return make


def screen_lines(app) -> list[str]:
    """What the terminal shows now, row by row, every layer composed (toasts, dialogs)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()


@pytest.fixture
def screen():
    """screen(app) -> the rows the terminal shows now (as ``screen_lines``)."""
    return screen_lines
