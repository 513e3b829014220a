"""A staged routine in the app: home says the week and the stage, a session runs that stage."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from homecare.routine.model import RepsStep, RestStep, Routine, RoutineFile, Schedule, Stage
from homecare.ui.screens.done import DoneScreen
from homecare.ui.screens.home import HomeScreen
from homecare.ui.screens.pain import PainBeforeScreen
from homecare.ui.screens.run import RunScreen

TODAY = date(2026, 3, 2)  # the fake clock's day (tests/ui/conftest.py)


def routine_file(routine: Routine) -> RoutineFile:
    return RoutineFile(Path("/nowhere/back-stages.toml"), routine, "f" * 64, "library")


def staged(issued_days_ago: int) -> Routine:
    return Routine(
        title="Back, progressing",
        id="back-stages",
        issued=TODAY - timedelta(days=issued_days_ago),
        schedule=Schedule(times_per_day=2, weeks=4),
        format=3,
        stages=(
            Stage(
                name="Settle [b]the[/b] spasm",
                weeks=1,
                steps=(RestStep(name="Lie still", seconds=5),),
            ),
            Stage(
                name="Build up",
                weeks=3,
                schedule=Schedule(times_per_day=1),
                steps=(RepsStep(name="Bridges", reps=5), RestStep(seconds=4)),
            ),
        ),
    )


def prompts(app) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one("#routines").options]


async def test_home_says_the_week_and_stage_and_lists_that_stages_steps(make_app, clock):
    assert clock.wall().date() == TODAY
    app = make_app(routines=[routine_file(staged(issued_days_ago=8))])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        first = prompts(app)[0]
        assert "week 2 of 4, stage 2: Build up" in first
        assert "0 of 1 done today" in first  # due by stage 2's own schedule: once a day
        summary = str(app.screen.query_one("#summary").render())
        assert "Week 2 of 4, stage 2: Build up" in summary
        assert "2 steps" in summary and "Bridges" in summary and "Lie still" not in summary


async def test_in_the_first_week_the_first_stage_shows_with_its_name_literally(make_app):
    app = make_app(routines=[routine_file(staged(issued_days_ago=0))])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "week 1 of 4, stage 1: Settle [b]the[/b] spasm" in prompts(app)[0]
        assert "0 of 2 done today" in prompts(app)[0]
        summary = str(app.screen.query_one("#summary").render())
        assert "Lie still" in summary and "Bridges" not in summary


async def test_a_session_runs_the_stage_of_the_day_and_the_log_keeps_it(make_app):
    app = make_app(routines=[routine_file(staged(issued_days_ago=8))])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, PainBeforeScreen)
        await pilot.press("s")  # no rating
        assert isinstance(app.screen, RunScreen)
        session = app.session
        assert [s.display_name for s in session.routine.steps] == ["Bridges", "Rest"]
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
        await pilot.press("escape")
        await pilot.pause()
        (logged,) = app.store.sessions()
    assert (logged.stage, logged.stage_name, logged.steps_total) == (2, "Build up", 2)


def test_a_one_step_stage_is_one_step_in_the_summary():
    # Stages often hold one step; the summary said "1 steps".
    from homecare.routine.stages import stage_routine
    from homecare.ui.screens.home import summary

    first = stage_routine(staged(issued_days_ago=0), 1)
    assert "\n1 step, about 5 s\n" in summary(routine_file(first)).plain
