"""Routines the clinician tests share, built from the model so they need no files."""

from __future__ import annotations

from datetime import date

import pytest

from homecare.routine.model import (
    HeatStep,
    IceStep,
    IntervalPhase,
    IntervalStep,
    PirStep,
    RestStep,
    Routine,
    Schedule,
)

MISSPELT = 'format = 1\ntitle = "x"\n[[steps]]\ntype = "pir"\ncycle = 5\n'  # cycles


@pytest.fixture
def misspelt(tmp_path):
    """A routine file with one error: a misspelt key in step 1."""
    path = tmp_path / "bad.toml"
    path.write_text(MISSPELT, encoding="utf-8")
    return path


@pytest.fixture
def hostile() -> str:
    """Text that would be markup in HTML, Markdown, Rich or iCalendar if it were not escaped."""
    return '<script>alert("x")</script> & [link](http://x) *bold* [red]; a,b\\c'


@pytest.fixture
def routine() -> Routine:
    """Every interesting part: both sides, ice, an untimed rest, intervals, a schedule."""
    return Routine(
        title="Lower back, week 1",
        id="lower-back-week-1",
        prescribed_by="Dr. Rivera, DC",
        patient="Sam Lee",
        contact="Spine Clinic, 555-0100",
        issued=date(2026, 11, 23),
        notes="Go gently.\nStop if it hurts.",
        schedule=Schedule(
            times_per_day=2, days=("mon", "wed", "fri"), start=date(2026, 11, 25), weeks=3
        ),
        steps=(
            PirStep(side="both", instructions="Lie on your back, knee to chest."),
            IceStep(area="lower back", minutes=15),
            RestStep(until_ready=True),
            IntervalStep(rounds=2, phases=(IntervalPhase("Walk", 30, "slowly"),)),
        ),
    )


@pytest.fixture
def heat_routine() -> Routine:
    return Routine(title="Heat", id="heat", steps=(HeatStep(area="neck", minutes=20),))


@pytest.fixture
def cli(capsys):
    """Run ``homecare ARGS...``; returns (exit code, stdout, stderr)."""
    from homecare.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def unwritable(tmp_path):
    """A path no one can write to, even as root: its parent folder is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    return blocker
