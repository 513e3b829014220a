"""The PSFS in the log: ratings saved with their session and read back, the last one taken, and
its course over a report (Markdown, HTML, JSON and CSV)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from homecare.log import psfs
from homecare.log.recorder import SessionRecorder
from homecare.log.report import build_report, render
from homecare.log.report.export import CSV_COLUMNS, PSFS_COLUMNS
from homecare.log.store import PsfsRating
from homecare.routine.model import Psfs
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine
from homecare.session.psfs import Taken

from .factories import finished
from .routines import BACK_FILE, BACK_PLAN

MONDAY = datetime(2026, 5, 4, 8, 0, tzinfo=timezone(timedelta(hours=2)))


def ratings(*scores: int, names=("Socks", "Stairs", "Sitting")) -> tuple[PsfsRating, ...]:
    return tuple(
        PsfsRating(i, name, score)
        for i, (name, score) in enumerate(zip(names[: len(scores)], scores, strict=True))
    )


def save(store, started, scores, routine_id="lower-back-pir", **names):
    session = replace(finished(started, routine_id), psfs=ratings(*scores, **names))
    return store.save(session, session.ended)


def test_ratings_are_saved_with_their_session_and_read_back(store):
    taken = save(store, MONDAY, (2, 5, 3))
    save(store, MONDAY + timedelta(hours=5), ())  # a session without the PSFS
    assert store.psfs_of([taken]) == {taken: ratings(2, 5, 3)}
    newest, oldest = store.sessions(with_steps=True)
    assert (oldest.psfs, newest.psfs) == (ratings(2, 5, 3), ())
    assert store.session(taken).psfs == ratings(2, 5, 3)


def test_a_session_saved_again_keeps_one_taking(store):
    session = replace(finished(MONDAY), psfs=ratings(2, 5, 3))
    session_id = store.save(session, MONDAY)
    store.save(replace(session, id=session_id, psfs=ratings(4, 4)), MONDAY)
    assert store.session(session_id).psfs == ratings(4, 4)


def test_the_last_psfs_is_the_routines_latest_taking(store):
    assert store.last_psfs("lower-back-pir") is None
    save(store, MONDAY, (2, 5, 3))
    save(store, MONDAY + timedelta(days=7), (4, 6), names=("Socks", "Kneeling"))
    save(store, MONDAY + timedelta(days=8), ())  # later, but without the PSFS
    save(store, MONDAY + timedelta(days=9), (9,), "another-routine")
    assert psfs.last_taken(store, "lower-back-pir") == Taken(
        date(2026, 5, 11), ("Socks", "Kneeling")
    )
    assert psfs.last_taken(store, "nothing-here") is None


def test_the_recorder_logs_the_psfs_given_before_or_after_the_start(store):
    clock = FakeClock(MONDAY)
    engine = Engine(BACK_PLAN, clock)
    with_psfs = replace(BACK_FILE, routine=replace(BACK_FILE.routine, psfs=Psfs(("Socks",))))
    recorder = SessionRecorder(store, with_psfs, engine)
    recorder.record_psfs([("Socks", 3), ("Stairs", 7)])
    recorder.record(engine.start())
    assert recorder.flush(10)
    (logged,) = store.sessions(with_steps=True)
    assert logged.psfs == (PsfsRating(0, "Socks", 3), PsfsRating(1, "Stairs", 7))
    assert psfs.last_taken(store, BACK_FILE.routine.id) == Taken(MONDAY.date(), ("Socks", "Stairs"))
    recorder.record_psfs([("Socks", 4), ("Stairs", 7)])  # a correction, saved at once
    assert recorder.flush(10)
    assert store.sessions(with_steps=True)[0].psfs[0].score == 4
    recorder.close()


def report_of(store, *, until=date(2026, 5, 31)):
    return build_report(
        store, date(2026, 5, 1), until, datetime(2026, 5, 31, 20, 0, tzinfo=timezone.utc)
    )


def three_weeks(store) -> None:
    save(store, MONDAY, (2, 4, 3))  # mean 3.0
    save(store, MONDAY + timedelta(days=7), (3, 5, 4))  # mean 4.0
    save(store, MONDAY + timedelta(days=14), (6, 6, 4))  # mean 5.33: up 2.33, socks +4


def test_the_course_shows_the_change_against_the_two_point_mark(store):
    three_weeks(store)
    (course,) = psfs.courses(report_of(store).sessions)
    assert [round(psfs.score(s), 2) for s in course.takings] == [3.0, 4.0, 5.33]
    assert course.change == 2.33 and course.reaches_mark
    assert course.activity_changes() == [("Socks", 4)]
    words = psfs.change_words(course)
    assert words.startswith("PSFS mean score 3.0 on 2026-05-04 -> 5.3 on 2026-05-18: up")
    assert "2.3 points, at least the 2-point change in the mean score" in words
    assert "minimal detectable change (Stratford et al. 1995)" in words
    assert "moved 3 points or more: Socks +4" in words


def test_a_change_under_the_mark_is_said_to_be_under_it(store):
    save(store, MONDAY, (5, 5))
    save(store, MONDAY + timedelta(days=7), (4, 4))
    (course,) = psfs.courses(report_of(store).sessions)
    assert course.change == -1.0 and not course.reaches_mark
    assert "down (worse) 1.0 point, less than the 2-point change" in psfs.change_words(course)


def test_means_over_different_activities_are_not_compared(store):
    # A file whose list changed between takings: the means (4.0 over two activities, then 8.0
    # over another) were said to be "up 4.0 points, at least the 2-point change".
    save(store, MONDAY, (3, 5))  # Socks, Stairs
    save(store, MONDAY + timedelta(days=7), (6, 8), names=("Socks", "Walking"))
    (course,) = psfs.courses(report_of(store).sessions)
    assert not course.comparable and course.change is None and not course.reaches_mark
    words = psfs.change_words(course)
    assert words.startswith("PSFS mean score 4.0 on 2026-05-04 -> 7.0 on 2026-05-11: the")
    assert "activities rated changed in between, so the two means are not compared." in words
    assert "Activities that moved 3 points or more: Socks +3." in words  # the same one still
    assert psfs.for_the_patient(course).endswith(
        "now 7.0 on 2026-05-11 (other activities: not compared)"
    )


def test_one_taking_has_no_change_yet(store):
    save(store, MONDAY, (5, 5))
    (course,) = psfs.courses(report_of(store).sessions)
    assert course.change is None
    assert "taken once in this period" in psfs.change_words(course)


def test_markdown_has_the_section_with_every_taking(store):
    three_weeks(store)
    text = render(report_of(store), "md")
    assert "## Patient-Specific Functional Scale (PSFS)" in text
    assert "| When | Mean | Socks | Stairs | Sitting |" in text
    assert "| 2026-05-18 08:00 | 5.3 | 6 | 6 | 4 |" in text
    assert "at least the 2-point change" in text.split("## Flags")[0]  # in the summary too


def test_no_section_without_a_psfs(store):
    save(store, MONDAY, ())
    report = report_of(store)
    assert "PSFS" not in render(report, "md") and "PSFS" not in render(report, "html")
    assert json.loads(render(report, "json"))["summary"]["psfs"] == []


class _Cells(HTMLParser):
    """The text of every cell of the table in section#psfs, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.rows: list[list[str]] = []
        self.heading = ""
        self._tag = ""

    def handle_starttag(self, tag, attrs):
        if tag == "section" and ("id", "psfs") in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        self._tag = tag

    def handle_endtag(self, tag):
        self._tag = ""
        if tag == "section":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self._tag in ("td", "th") and self.rows:
            self.rows[-1].append(data)
        elif self.inside and self._tag == "h3":
            self.heading += data


def test_html_has_the_section_with_its_table_escaped(store):
    save(store, MONDAY, (2, 4), names=("<script>alert(1)</script>", "Stairs"))
    save(store, MONDAY + timedelta(days=7), (5, 5), names=("<script>alert(1)</script>", "Stairs"))
    page = render(report_of(store), "html")
    assert "<script>" not in page
    chart = page[
        page.index('aria-labelledby="psfs-title"') : page.index("</svg>", page.index("psfs"))
    ]
    assert chart.count('stroke-dasharray="1 3"') == 2  # 2 points above and below the first
    assert chart.count("<circle") == 2  # one per taking
    cells = _Cells()
    cells.feed(page)
    assert cells.heading == "Lower back pir"
    assert cells.rows == [
        ["When", "Mean", "<script>alert(1)</script>", "Stairs"],
        ["2026-05-04 08:00", "3.0", "2", "4"],
        ["2026-05-11 08:00", "5.0", "5", "5"],
    ]


def test_json_carries_the_raw_scores_and_the_course(store):
    three_weeks(store)
    document = json.loads(render(report_of(store), "json"))
    assert document["version"] == 3
    first = document["sessions"][0]
    assert first["psfs_mean"] == 3.0
    assert first["psfs"] == [
        {"index": 0, "activity": "Socks", "score": 2},
        {"index": 1, "activity": "Stairs", "score": 4},
        {"index": 2, "activity": "Sitting", "score": 3},
    ]
    (course,) = document["summary"]["psfs"]
    assert course == {
        "routine_id": "lower-back-pir",
        "takings": 3,
        "first": {"local_day": "2026-05-04", "session_id": first["id"], "mean": 3.0},
        "last": {
            "local_day": "2026-05-18",
            "session_id": document["sessions"][2]["id"],
            "mean": 5.33,
        },
        "change": 2.33,
        "change_mark": 2.0,
        "reaches_mark": True,
    }


def test_csv_carries_each_activity_and_score_in_its_own_columns(store):
    save(store, MONDAY, (2, 4), names=("=cmd()", "Stairs"))
    save(store, MONDAY + timedelta(days=1), ())
    rows = list(csv.DictReader(io.StringIO(render(report_of(store), "csv"))))
    assert list(rows[0]) == list(CSV_COLUMNS) and CSV_COLUMNS[-len(PSFS_COLUMNS) :] == PSFS_COLUMNS
    assert (rows[0]["psfs_mean"], rows[0]["psfs_1_activity"], rows[0]["psfs_1_score"]) == (
        "3.0",
        "'=cmd()",  # never a formula
        "2",
    )
    assert (rows[0]["psfs_2_activity"], rows[0]["psfs_2_score"], rows[0]["psfs_3_score"]) == (
        "Stairs",
        "4",
        "",
    )
    assert rows[1]["psfs_mean"] == "" and rows[1]["psfs_1_activity"] == ""


@pytest.mark.parametrize(
    ("later", "words"),
    [
        (None, " (the first time)"),
        ((1, 2), ", now 1.5 on 2026-05-11 (worse by 1.5 points)"),
        ((3, 3), ", now 3.0 on 2026-05-11 (no better)"),
        ((4, 5), ", now 4.5 on 2026-05-11 (better by 1.5 points)"),
    ],
)
def test_the_patient_sees_their_own_scores_in_plain_words(later, words):
    first = replace(finished(MONDAY, title="Back"), psfs=ratings(2, 4))
    takings = [first]
    if later is not None:
        takings.append(replace(first, started=MONDAY + timedelta(days=7), psfs=ratings(*later)))
    (course,) = psfs.courses(takings)
    assert psfs.for_the_patient(course) == "Back: 3.0 on 2026-05-04" + words
