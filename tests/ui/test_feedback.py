"""The rating after a rated exercise, in the app: one key per answer, shown with its keys, the
timer held while it is up, the answer logged with its step."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from log.factories import finished
from test_history_screen import HistoryApp, at
from textual.widgets import Static

from homecare.base.settings import Settings
from homecare.log.store import StepOutcome
from homecare.routine.model import (
    FOLLOW_THROUGH_FORMAT,
    PirStep,
    RepsStep,
    Routine,
    RoutineFile,
    StretchStep,
)
from homecare.ui.screens.done import DoneScreen
from homecare.ui.screens.feedback import FeedbackScreen
from homecare.ui.screens.run import RunScreen

ROUTINE = Routine(
    title="Rated back",
    id="rated-back",
    feedback=True,
    format=FOLLOW_THROUGH_FORMAT,
    steps=(
        PirStep(name="Side bend", cycles=1, contract_seconds=5, relax_seconds=6, setup_seconds=0),
        StretchStep(name="Knee [b]to[/b] chest", reps=1, hold_seconds=5, setup_seconds=3),
    ),
)


def app_with(make_app, routine: Routine = ROUTINE):
    file = RoutineFile(Path(f"/nowhere/{routine.id}.toml"), routine, "f" * 64, "library")
    return make_app(routines=[file])


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def run_for(pilot, clock, seconds: float) -> None:
    """Time passes; the run screen catches up as its deadline timer would."""
    clock.advance(seconds)
    pilot.app.screen.catch_up()
    await pilot.pause()


def logged_ratings(app) -> list[tuple[str, str | None]]:
    (session,) = app.store.sessions(with_steps=True)
    return [(step.name, step.feedback) for step in session.steps]


async def test_the_question_waits_with_its_keys_and_the_answer_is_logged(make_app, clock, screen):
    app = app_with(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")  # start; no pain rating
        assert isinstance(app.screen, RunScreen)
        await run_for(pilot, clock, 11)  # the PIR is done
        assert isinstance(app.screen, FeedbackScreen)
        rows = "\n".join(screen(app))
        assert "Step 1 done: Side bend" in rows and "How did it feel?" in rows
        for words in ("1   easy", "2   about right", "3   hard", "4   painful", "s   no answer"):
            assert words in rows  # every answer with its key, in words
        assert "The timer waits for your answer." in rows
        engine = app.session.engine
        assert engine.snapshot().paused and engine.snapshot().phase.kind == "position"
        clock.advance(90)  # the patient takes their time
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert not engine.snapshot().paused
        assert shown(app, "#band") == "GET INTO POSITION"
        assert app.screen.query_one("#countdown").value == "3"  # all of it still to come
        await run_for(pilot, clock, 3 + 5)  # the stretch: the last step
        assert isinstance(app.screen, FeedbackScreen)  # before the done screen
        assert "Step 2 done: Knee [b]to[/b] chest" in "\n".join(screen(app))  # literally
        await pilot.press("escape")  # no answer
        await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
        await pilot.press("s", "escape")
        assert logged_ratings(app) == [("Side bend", "hard"), ("Knee [b]to[/b] chest", None)]


async def test_painful_is_one_key_and_a_routine_without_feedback_asks_nothing(make_app, clock):
    app = app_with(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")
        await run_for(pilot, clock, 11)
        await pilot.press("4")
        await pilot.pause()
        await run_for(pilot, clock, 8)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
        await pilot.press("s", "escape")
        assert logged_ratings(app) == [("Side bend", "painful"), ("Knee [b]to[/b] chest", "easy")]

    quiet = Routine(title="Quiet", id="quiet", steps=ROUTINE.steps)
    app = app_with(make_app, quiet)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")
        await run_for(pilot, clock, 11)
        assert isinstance(app.screen, RunScreen) and not app.session.engine.snapshot().paused
        assert shown(app, "#band") == "GET INTO POSITION"


async def test_the_run_screens_keys_do_not_show_through_below_the_window(make_app, clock, screen):
    # With "I'm ready" among them the run screen's keys took two lines where the window's took
    # one, so "s skip step" showed right above the window's "s no answer".
    counted = RepsStep(name="Bridges", reps=5)
    app = app_with(make_app, replace(ROUTINE, steps=(ROUTINE.steps[0], counted)))
    async with app.run_test(size=(66, 24)) as pilot:
        await pilot.press("enter", "s")
        await run_for(pilot, clock, 11)
        assert isinstance(app.screen, FeedbackScreen)
        rows = "\n".join(screen(app))
        assert "s no answer" in rows and "q stop" in rows
        assert "s skip step" not in rows
        await pilot.press("2")
        await pilot.pause()
        assert "s skip step" in "\n".join(screen(app))  # its keys are back


async def test_q_in_the_question_window_asks_to_stop_and_stops_without_a_rating(make_app, clock):
    # q used to be swallowed by the window while the run screen's key bar still said "q stop".
    from homecare.session.wording import STOPPED_BY_YOU
    from homecare.ui.screens.confirm import ConfirmScreen

    app = app_with(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")
        await run_for(pilot, clock, 11)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not after all: the question is asked still
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        engine = app.session.engine
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
        assert engine.snapshot().stopped_reason == STOPPED_BY_YOU
        await pilot.press("s", "escape")
        assert logged_ratings(app) == [("Side bend", None), ("Knee [b]to[/b] chest", None)]


async def test_q_at_the_last_question_after_the_end_is_no_answer(make_app, clock):
    app = app_with(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")
        await run_for(pilot, clock, 11)
        await pilot.press("2")
        await pilot.pause()
        await run_for(pilot, clock, 8)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("q")  # nothing to stop: not asked, no answer
        await pilot.pause()
        assert isinstance(app.screen, DoneScreen)
        assert app.session.engine.snapshot().finished
        await pilot.press("s", "escape")
        assert logged_ratings(app) == [("Side bend", "right"), ("Knee [b]to[/b] chest", None)]


async def test_history_says_how_each_rated_exercise_felt(store):
    def rated(days_ago: int, side: str | None, knee: str | None):
        steps = (
            StepOutcome(0, "Side [b]bend[/b]", "done", feedback=side),
            StepOutcome(1, "Knee to chest", "done", feedback=knee),
        )
        return finished(at(days_ago, 8), "back", title="Back", content_hash="h", steps=steps)

    store.add_sessions(
        [rated(3, "hard", "easy"), rated(2, "painful", None), rated(1, "painful", "right")]
    )
    app = HistoryApp(store)
    async with app.run_test(size=(100, 50)):
        lines = str(app.screen.query_one("#exercise-feedback", Static).render()).splitlines()
    assert lines == [
        "Side [b]bend[/b] (Back): painful 2, hard 1 (3 ratings); painful the last 2 times: "
        "tell your clinician",
        "Knee to chest (Back): about right 1, easy 1 (2 ratings)",
    ]


async def test_history_has_no_feedback_section_without_ratings(store):
    store.add_sessions([finished(at(1, 8), "back", content_hash="h")])
    app = HistoryApp(store)
    async with app.run_test(size=(100, 50)):
        assert not app.screen.query("#exercise-feedback")


class Voice:
    """A speaker that keeps what it was asked to say."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


async def test_with_speech_the_question_is_said_and_the_held_phase_again_after_it(make_app, clock):
    app = app_with(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        app.cues.settings = Settings(sound="speech")
        voice = app.cues.speaker = Voice()
        await pilot.press("enter", "s")
        await run_for(pilot, clock, 11)
        assert voice.said[-2:] == [
            "GET INTO POSITION. Get into position",
            "Step 1 done: Side bend. How did it feel? 1 easy, 2 about right, 3 hard, 4 painful.",
        ]
        await pilot.press("2")
        await pilot.pause()
        assert voice.said[-1] == "GET INTO POSITION. Get into position"
        assert voice.said[0].startswith("CONTRACT") and len(voice.said) == 4  # one late refresh
