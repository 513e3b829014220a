"""Feedback per exercise in the log: the rating recorded with its step (engine, flow and the
real recorder), summed per exercise, and "painful" twice in a row flagged in the report."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from homecare.log.feedback import painful_in_a_row, per_exercise
from homecare.log.recorder import SessionRecorder
from homecare.log.report import build_report, render
from homecare.log.store import RoutineVersion, StepOutcome
from homecare.routine.model import (
    FOLLOW_THROUGH_FORMAT,
    IceStep,
    PirStep,
    Routine,
    RoutineFile,
    StretchStep,
)
from homecare.session.clock import FakeClock
from homecare.session.flow import Flow

from .factories import finished

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 5, 4)
RATED = Routine(
    title="Back",
    id="back",
    feedback=True,
    format=FOLLOW_THROUGH_FORMAT,
    steps=(
        PirStep(name="Side bend", cycles=1, contract_seconds=5, relax_seconds=5),
        IceStep(minutes=0.25),
        StretchStep(name="Knee to chest", reps=1, hold_seconds=5),
    ),
)


def test_the_rating_is_logged_with_its_step_through_the_recorder(store):
    clock = FakeClock(datetime(2026, 5, 4, 8, tzinfo=BERLIN))
    flow = Flow.of(RATED, clock)
    recorder = SessionRecorder(
        store, RoutineFile(Path("back.toml"), RATED, "ab" * 32, "file"), flow.engine
    )
    flow.set_pain_before(4)
    flow.start(recorder)
    flow.handle(flow.engine.start())
    answers = iter(["painful", None])
    engine = flow.engine
    while not engine.snapshot().finished or flow.rating_question:
        if flow.rating_question:
            flow.handle(flow.rate(next(answers)))
        elif engine.next_deadline() is None:
            flow.handle(engine.confirm())
        else:
            clock.advance_to(engine.next_deadline())
            flow.handle(engine.update())
    flow.set_pain_after(3)
    assert recorder.close(10)
    (session,) = store.sessions(with_steps=True)
    assert [(s.name, s.outcome, s.feedback) for s in session.steps] == [
        ("Side bend", "done", "painful"),
        ("Ice", "done", None),  # not an exercise: never asked
        ("Knee to chest", "done", None),  # asked, not answered
    ]


def at(days: int, hour: int = 8) -> datetime:
    return datetime(2026, 5, 4, hour, tzinfo=BERLIN) + timedelta(days=days)


def rated(days: int, *ratings: tuple[str, str | None], hour: int = 8, routine: str = "back"):
    steps = tuple(
        StepOutcome(index, name, "done", feedback=value)
        for index, (name, value) in enumerate(ratings)
    )
    return finished(at(days, hour), routine, content_hash=f"h-{routine}", steps=steps)


def test_ratings_are_summed_per_exercise_of_each_routine():
    sessions = [
        rated(0, ("Side bend", "painful"), ("Knee to chest", "easy")),
        rated(1, ("Side bend", "hard"), ("Knee to chest", None)),
        rated(2, ("Side bend", "painful"), ("Knee to chest", "right")),
        rated(2, ("Side bend", "easy"), hour=18, routine="neck"),
    ]
    found = {(e.routine_id, e.name): e for e in per_exercise(sessions)}
    side = found[("back", "Side bend")]
    assert (side.painful, side.hard, side.rated) == (2, 1, 3)
    assert side.words == "painful 2, hard 1 of 3 ratings"
    assert side.painful_run == 1  # the latest answer was painful
    assert found[("back", "Knee to chest")].counts == {"easy": 1, "right": 1}
    assert found[("neck", "Side bend")].words == "painful 0, hard 0 of 1 rating"


def test_painful_twice_in_a_row_on_the_same_exercise_is_found():
    sessions = [
        rated(0, ("Side bend", "painful"), ("Knee to chest", "painful")),
        rated(1, ("Side bend", None), ("Knee to chest", "hard")),  # no answer: no break
        rated(2, ("Side bend", "painful"), ("Knee to chest", "painful")),
        rated(3, ("Side bend", "painful")),
    ]
    found = [
        (a.session.local_day.day, a.name, a.times, a.since.day) for a in painful_in_a_row(sessions)
    ]
    assert found == [(6, "Side bend", 2, 4), (7, "Side bend", 3, 4)]
    assert painful_in_a_row(sessions)[0].text == (
        "Side bend: rated painful 2 times in a row (since 2026-05-04)"
    )


def test_painful_not_in_a_row_or_on_other_exercises_is_not_a_flag():
    sessions = [
        rated(0, ("Side bend", "painful"), ("Knee to chest", "easy")),
        rated(1, ("Side bend", "right"), ("Knee to chest", "painful")),
        rated(2, ("Side bend", "painful")),
        rated(3, ("Side bend", "easy"), routine="neck"),
        rated(4, ("Side bend", "painful"), routine="neck"),  # another routine's exercise
    ]
    assert painful_in_a_row(sessions) == []


def fill(store) -> None:
    store.add_sessions(
        [
            rated(0, ("Side bend", "painful"), ("Knee to chest", "easy")),
            rated(2, ("Side bend", "painful"), ("Knee to chest", "hard")),
            rated(3, ("Side bend", "right"), ("Knee to chest", None)),
        ],
        [RoutineVersion("h-back", "back", "Back")],
    )


def test_the_report_has_the_flag_and_the_exercises_in_every_format(store):
    fill(store)
    report = build_report(store, MONDAY, MONDAY + timedelta(days=6), at(6, 20))
    assert [(f.local_day.day, f.kind, f.text) for f in report.flags] == [
        (6, "painful_again", "Side bend: rated painful 2 times in a row (since 2026-05-04)")
    ]
    markdown = render(report, "md")
    assert "| Back | Side bend | 2 | 0 | 1 | 0 | 3 |" in markdown
    assert "| Back | Knee to chest | 0 | 1 | 0 | 1 | 2 |" in markdown
    assert "painful twice in a row" in markdown
    assert "Rated painful or hard: Side bend (painful 2, hard 0 of 3 ratings); " in markdown
    assert markdown.index("## Sessions") < markdown.index("## Feedback per exercise")
    assert "Feedback per exercise" in render(report, "html")

    document = json.loads(render(report, "json"))
    assert [flag["kind"] for flag in document["summary"]["flags"]] == ["painful_again"]
    assert document["summary"]["feedback"][0] == {
        "routine_id": "back",
        "exercise": "Side bend",
        "ratings": 3,
        "easy": 0,
        "right": 1,
        "hard": 0,
        "painful": 2,
    }
    assert document["sessions"][0]["steps"][0]["feedback"] == "painful"

    rows = list(csv.DictReader(io.StringIO(render(report, "csv"), newline="")))
    assert rows[1]["step_feedback"] == "Side bend: painful; Knee to chest: hard"
    assert rows[2]["step_feedback"] == "Side bend: right"


def test_a_report_without_ratings_says_so(store):
    store.add_sessions([finished(at(0), "back", content_hash="h-back")], [])
    report = build_report(store, MONDAY, MONDAY, at(0, 20))
    assert "Feedback per exercise" not in render(report, "md")  # as before feedback existed
    assert "Feedback per exercise" not in render(report, "html")
    assert json.loads(render(report, "json"))["summary"]["feedback"] == []
