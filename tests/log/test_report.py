"""The clinician's report: its content in every format, text shown literally, parsed back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from homecare.log.adherence import Counted
from homecare.log.report import build_report, render
from homecare.log.report.export import CSV_COLUMNS, SESSION_COLUMNS
from homecare.log.store import RoutineVersion, StepOutcome
from homecare.routine.model import Schedule

from .factories import EXCUSED_ICE, finished

BERLIN = ZoneInfo("Europe/Berlin")
TRICKY_TITLE = "Back <script>alert(1)</script> & [bold]care[/bold] | *now*"
TRICKY_NOTE = "hurt less <b>today</b>\n# not a heading\n\x1b[31mred?"
MONDAY = date(2026, 5, 4)


@pytest.fixture
def report(store):
    schedule = Schedule(times_per_day=2, start=MONDAY)
    store.add_sessions(
        [
            finished(
                datetime(2026, 5, 4, 8, tzinfo=BERLIN),
                "back",
                title=TRICKY_TITLE,
                content_hash="h",
                pain_before=7,
                pain_after=4,
                note=TRICKY_NOTE,
                steps=(StepOutcome(0, "PIR", "done"), EXCUSED_ICE),
                steps_excused=1,
            ),
            finished(
                datetime(2026, 5, 4, 19, tzinfo=BERLIN),
                "back",
                title=TRICKY_TITLE,
                content_hash="h",
                pain_before=5,
                pain_after=3,
            ),
            finished(
                datetime(2026, 5, 6, 8, tzinfo=BERLIN),
                "back",
                title=TRICKY_TITLE,
                content_hash="h",
                status="stopped",
                stop_reason="too sore",
                steps_done=1,
            ),
            finished(
                datetime(2026, 5, 11, 8, tzinfo=BERLIN),
                "back",
                title=TRICKY_TITLE,
                content_hash="h",
                pain_before=6,
                pain_after=6,
            ),
            finished(
                datetime(2026, 4, 1, 8, tzinfo=BERLIN),
                "back",
                title=TRICKY_TITLE,
                content_hash="h",
                note="before the period",
            ),
        ],
        [RoutineVersion("h", "back", TRICKY_TITLE, "Dr. <i>Who</i>", "Pat & Co", "555", schedule)],
    )
    generated = datetime(2026, 5, 12, 9, 30, tzinfo=BERLIN)
    return build_report(store, MONDAY, date(2026, 5, 12), generated)


def test_the_report_gathers_the_period_only(report):
    assert len(report.sessions) == 4
    assert report.sessions[0].started < report.sessions[-1].started  # oldest first
    (summary,) = report.routines
    assert summary.counted == Counted(due=18, done=3, partly_done=1)  # 9 days x 2
    assert summary.statuses == {"completed": 3, "stopped": 1}
    assert summary.outcomes == {"done": 3, "partly_done": 1}
    assert summary.weeks == [
        (MONDAY, Counted(14, 2, 1)),
        (MONDAY + timedelta(days=7), Counted(4, 1)),
    ]
    assert report.patient == "Pat & Co"
    assert [(d.day.day, d.before, d.after) for d in report.pain_days] == [(4, 6, 3.5), (11, 6, 6)]
    assert [(f.local_day.day, f.kind, f.text) for f in report.flags] == [
        (6, "stopped", "stopped after 1 of 2 steps: too sore"),
        (4, "safety_excused", "Ice: safety check: body feels cold"),
        (4, "note", TRICKY_NOTE),
    ]  # newest first


class _Page(HTMLParser):
    """Collects tags and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_cell = tag == "td"
        if self._in_cell:
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_cell:
            self.cells[-1] += data


def test_html_is_a_standalone_page_with_every_text_shown_literally(report):
    page = _Page()
    page.feed(render(report, "html"))
    page.close()
    assert "script" not in page.tags and "i" not in page.tags and "b" not in page.tags
    assert not any(tag in page.tags for tag in ("link", "img", "iframe"))
    assert TRICKY_TITLE in page.cells  # the routine's title, exactly as written
    # The note, newlines and all; its terminal escape made visible, not passed on.
    assert TRICKY_NOTE.replace("\x1b", "\\u001b") in page.cells
    assert "Dr. <i>Who</i>" in page.cells
    assert "Ice: safety check: body feels cold" in page.cells  # a flag
    assert "excused Ice: safety check: body feels cold" in page.cells  # the session's row
    assert "2 done, 1 partly done, 11 not done of 14 due (14%)" in page.cells
    assert "1 done, 0 partly done, 3 not done of 4 due (25%)" in page.cells
    text = "".join(page.text)
    assert "Pat & Co" in text
    assert "Home-care report, 2026-05-04 to 2026-05-12" in text


def test_html_pain_chart_is_inline_svg_with_shapes_and_words(report):
    html = render(report, "html")
    page = _Page()
    page.feed(html)
    assert page.tags.count("svg") == 1
    assert page.tags.count("circle") == 2 + 1  # two days rated before, plus the legend's
    assert page.tags.count("rect") == 2 + 1
    assert "before (circles, dashed)" in html and "after (squares, solid)" in html
    assert "@page" in html and "break-inside: avoid" in html


def test_markdown_escapes_text_so_it_shows_literally(report):
    text = render(report, "md")
    assert "<script>" not in text and "<b>" not in text
    assert r"Back \<script\>alert(1)\</script\> \& \[bold\]care\[/bold\] \| \*now\*" in text
    assert r"hurt less \<b\>today\</b\> / \# not a heading" in text
    assert "\x1b" not in text and r"\\u001b\[31mred?" in text
    assert "| 2026-05-04 | 2 done, 1 partly done, 11 not done of 14 due (14%) |" in text
    assert "safety check: body feels cold" in text
    assert "2026-05-04  before  6.0 ██████" in text


def test_csv_parses_back_to_the_sessions(report):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 4
    first = rows[0]
    assert first["title"] == TRICKY_TITLE and first["note"] == TRICKY_NOTE
    assert first["started"] == "2026-05-04T08:00:00+02:00"
    assert first["started_utc"] == "2026-05-04T06:00:00Z"
    assert first["utc_offset_minutes"] == "120" and first["local_day"] == "2026-05-04"
    assert first["skipped_steps"] == "Ice: safety check: body feels cold"
    assert (first["pain_before"], first["pain_after"]) == ("7", "4")
    assert rows[2]["stop_reason"] == "too sore" and rows[2]["pain_before"] == ""


def test_json_parses_back_with_every_step(report):
    document = json.loads(render(report, "json"))
    assert (document["format"], document["version"]) == ("homecare-sessions", 3)
    assert (document["since"], document["until"]) == ("2026-05-04", "2026-05-12")
    first = document["sessions"][0]
    assert list(first) == [*SESSION_COLUMNS, "steps", "psfs"]
    assert first["note"] == TRICKY_NOTE and first["pain_before"] == 7
    assert first["steps"][1] == {
        "index": 1,
        "name": "Ice",
        "outcome": "excused",
        "reason": "safety check: body feels cold",
        "exercise_seconds": 0.0,
        "exercise_planned_seconds": 0.0,
        "feedback": None,
    }
    assert document["sessions"][2]["pain_before"] is None


def test_an_empty_period_still_makes_a_report(store):
    report = build_report(store, MONDAY, MONDAY, datetime(2026, 5, 4, tzinfo=BERLIN))
    assert "No pain ratings in this period." in render(report, "md")
    assert "Nothing flagged." in render(report, "html")
    assert render(report, "csv").strip() == ",".join(CSV_COLUMNS)
    assert json.loads(render(report, "json"))["sessions"] == []
