"""The report groups a staged routine's adherence by stage, in every format."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from homecare.log.adherence import Counted
from homecare.log.report import build_report, render
from homecare.log.store import RoutineVersion
from homecare.routine.model import RestStep, Routine, RoutineFile, Schedule, Stage

from .factories import finished

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 5, 4)
STAGED = Routine(
    title="Back, progressing",
    id="back",
    issued=MONDAY,
    schedule=Schedule(times_per_day=2),
    format=3,
    stages=(
        Stage(name="Settle", weeks=1, steps=(RestStep(seconds=5),)),
        Stage(
            name="Build",
            weeks=1,
            schedule=Schedule(times_per_day=1),
            steps=(RestStep(seconds=5),),
        ),
    ),
)
FILE = RoutineFile(Path("back.toml"), STAGED, "h", "library")


@pytest.fixture
def report(store):
    def session(day: int, hour: int, stage: int):
        name = STAGED.stages[stage - 1].name
        return finished(
            datetime(2026, 5, day, hour, tzinfo=BERLIN),
            "back",
            title=STAGED.title,
            content_hash="h",
            stage=stage,
            stage_name=name,
        )

    sessions = [session(4, 8, 1), session(4, 19, 1), session(5, 8, 1)]
    sessions += [session(11, 8, 2), session(12, 8, 2), session(12, 18, 2)]  # one extra on 12th
    store.add_sessions(sessions, [RoutineVersion("h", "back", STAGED.title)])
    generated = datetime(2026, 5, 13, 21, 0, tzinfo=BERLIN)
    return build_report(store, MONDAY, date(2026, 5, 17), generated, library=[FILE])


def test_each_stage_is_counted_on_its_days_by_its_schedule(report):
    (summary,) = report.routines
    first, second = summary.stages
    assert (first.number, first.name, first.first, first.last) == (
        1,
        "Settle",
        MONDAY,
        date(2026, 5, 10),
    )
    assert first.counted == Counted(due=14, done=3) and first.sessions == 3
    # stage 2 is once a day, due up to the day the report was written: the 11th to the 13th
    assert (second.first, second.last) == (date(2026, 5, 11), date(2026, 5, 13))
    assert second.counted == Counted(due=3, done=2) and second.sessions == 3
    assert summary.counted == Counted(due=17, done=5)  # the routine adds its stages up
    assert summary.weeks == [(MONDAY, Counted(14, 3)), (date(2026, 5, 11), Counted(3, 2))]


def test_markdown_and_html_say_each_stage_in_the_summary(report):
    text = render(report, "md")
    assert "- Back, progressing: 5 done, 0 partly done, 12 not done of 17 due (29%)" in text
    assert (
        "- Back, progressing, stage 1 (Settle, 2026-05-04 to 2026-05-10): "
        "3 done, 0 partly done, 11 not done of 14 due (21%)"
    ) in text
    assert "stage 2 (Build, 2026-05-11 to 2026-05-13): 2 done, 0 partly done, 1 not done" in text
    assert "Back, progressing, stage 2: Build" in text  # the sessions table
    page = render(report, "html")
    assert "<li>Back, progressing, stage 1 (Settle, 2026-05-04 to 2026-05-10): 3 done" in page


def test_json_and_csv_carry_the_stages(report):
    document = json.loads(render(report, "json"))
    (routine,) = document["summary"]["routines"]
    assert [
        (s["number"], s["name"], s["due"], s["done"], s["sessions"]) for s in routine["stages"]
    ] == [(1, "Settle", 14, 3, 3), (2, "Build", 3, 2, 3)]
    assert routine["stages"][1]["first_day"] == "2026-05-11"
    assert (routine["due"], routine["done"]) == (17, 5)
    assert [s["stage"] for s in document["sessions"]] == [1, 1, 1, 2, 2, 2]
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert [(r["stage"], r["stage_name"]) for r in rows][2:4] == [("1", "Settle"), ("2", "Build")]


def test_a_routine_without_stages_has_none_in_json(store):
    store.add_sessions(
        [finished(datetime(2026, 5, 4, 8, tzinfo=BERLIN), "plain", content_hash="p")],
        [RoutineVersion("p", "plain", "Plain", schedule=Schedule(start=MONDAY))],
    )
    report = build_report(store, MONDAY, MONDAY, datetime(2026, 5, 4, 20, tzinfo=BERLIN))
    document = json.loads(render(report, "json"))
    assert document["summary"]["routines"][0]["stages"] == []
    assert document["sessions"][0]["stage"] is None
