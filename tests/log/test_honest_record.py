"""An honest record (issue 13): real sessions run through the engine and the recorder on a fake
clock, then counted by the one rule everywhere: done, partly done, not done; schedules that start
when they were prescribed; examples left out; the clinician's flags, JSON, CSV and HTML."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from homecare.log import liveness
from homecare.log.adherence import Counted, due_today
from homecare.log.listing import session_lines as indented_lines
from homecare.log.overview import overview
from homecare.log.prescriptions import example_hashes, prescriptions, version_of
from homecare.log.recorder import SessionRecorder
from homecare.log.report import build_report, render
from homecare.log.report.export import CSV_COLUMNS
from homecare.log.schema import migrate, schema_version
from homecare.log.store import open_store
from homecare.routine.library import available
from homecare.routine.model import RoutineFile, Schedule
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine
from homecare.session.plan import compile_plan
from homecare.session.safety import Caution, Decision

from .factories import finished
from .routines import BACK, BACK_FILE

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 5, 4, 8, 0, tzinfo=BERLIN)
COLD = Caution("ice", "body feels cold", "Ice is not advised while ...")
EXCUSED = Decision(1, "ice", (COLD,), skipped=True)
WENT_ON = Decision(1, "ice", (COLD,), skipped=False)


def session_lines(session, example=False) -> list[str]:
    return [line.strip() for line in indented_lines(session, example)]


@pytest.fixture
def clock():
    return FakeClock(MONDAY)


class WrittenAtOnce(SessionRecorder):
    """The real recorder, waiting for its writer thread after each write: the tests read the
    log straight after each engine call."""

    def _save(self) -> None:
        super()._save()
        assert self.flush(10), self.problem


def begin(store, clock, routine_file=BACK_FILE, decisions=(), pain_before=None):
    """A session started as the app starts one: safety check, pain before, then the engine."""
    engine = Engine(compile_plan(routine_file.routine), clock)
    for decision in decisions:
        if decision.skipped:
            engine.exclude_step(decision.step_index, "safety check: body feels cold")
    recorder = WrittenAtOnce(store, routine_file, engine)
    recorder.set_pain_before(pain_before)
    recorder.record_safety_check(decisions)
    recorder.record(engine.start())
    return engine, recorder


def run_for(engine, recorder, clock, seconds: float) -> None:
    """Let ``seconds`` of the session pass, phase end by phase end."""
    until = clock.monotonic() + seconds
    while not engine.snapshot().finished:
        if engine.snapshot().waiting:  # the pack on, the pack off: the patient says when
            recorder.record(engine.confirm())
            continue
        deadline = engine.next_deadline()
        if deadline is None or deadline > until:
            break
        clock.advance_to(deadline)
        recorder.record(engine.update())
    if not engine.snapshot().finished:
        clock.advance_to(until)
        recorder.record(engine.update())


def whole(store, clock, routine_file=BACK_FILE, decisions=(), pain=(None, None), note=""):
    """A session done from start to end; the next one starts a day later."""
    engine, recorder = begin(store, clock, routine_file, decisions, pain[0])
    run_for(engine, recorder, clock, 3600)
    recorder.finish(pain[1], note)
    clock.advance(86400)
    return recorder.session


def all_skipped(store, clock):
    """Press "next" until the session ends."""
    engine, recorder = begin(store, clock)
    while not engine.snapshot().finished:
        clock.advance(1)
        recorder.record(engine.skip_phase())
    recorder.finish()
    return recorder.session


def test_a_session_stopped_early_in_a_step_is_not_done(store, clock):
    engine, recorder = begin(store, clock)
    run_for(engine, recorder, clock, 5 + 10)  # the setup and a third of the PIR's exercise
    recorder.record(engine.stop("phone rang"))
    (logged,) = store.sessions(with_steps=True)
    (pir,) = logged.steps
    assert (pir.outcome, pir.exercise_seconds, pir.exercise_planned_seconds) == (
        "stopped",
        10.0,
        30.0,
    )
    assert logged.outcome == "not_done"


def test_a_session_with_every_step_skipped_is_not_done_and_counts_nowhere(store, clock):
    session = all_skipped(store, clock)
    (logged,) = store.sessions(with_steps=True)
    assert (logged.status, logged.steps_done, logged.steps_skipped) == ("completed", 0, 3)
    assert logged.outcome == "not_done" and session.outcome == "not_done"
    schedule = Schedule(times_per_day=2, start=MONDAY.date())
    today = due_today(store, BACK.id, schedule, MONDAY.date())
    assert (str(today), today.last_done) == ("0 of 2 done today", None)
    report = build_report(store, MONDAY.date(), MONDAY.date(), MONDAY + timedelta(hours=12))
    (summary,) = report.routines
    assert summary.counted == Counted(due=2, done=0, partly_done=0)
    assert summary.outcomes == {"not_done": 1}
    assert "not done" in session_lines(logged)[0]


def test_a_step_the_safety_check_excused_does_not_count_against_the_patient(store, clock):
    whole(store, clock, decisions=[EXCUSED])
    (logged,) = store.sessions(with_steps=True)
    assert (logged.steps_done, logged.steps_excused, logged.steps_skipped) == (2, 1, 0)
    assert logged.outcome == "done"
    ice = logged.steps[1]
    assert (ice.outcome, ice.reason, ice.exercise_seconds) == (
        "excused",
        "safety check: body feels cold",
        0.0,
    )
    assert "excused Ice: safety check: body feels cold" in session_lines(logged)
    report = build_report(store, MONDAY.date(), MONDAY.date(), MONDAY + timedelta(hours=12))
    assert [(f.kind, f.text) for f in report.flags] == [
        ("safety_excused", "Ice: safety check: body feels cold")
    ]


def test_a_session_stopped_after_most_steps_is_partly_done_with_the_time_done(store, clock):
    engine, recorder = begin(store, clock)
    run_for(engine, recorder, clock, 35 + 30)  # the whole PIR, then half of the ice
    recorder.record(engine.stop("too cold"))
    recorder.finish()
    (logged,) = store.sessions(with_steps=True)
    assert (logged.status, logged.outcome, logged.steps_done) == ("stopped", "partly_done", 1)
    pir, ice = logged.steps
    assert (pir.outcome, pir.exercise_seconds, pir.exercise_planned_seconds) == ("done", 30, 30)
    assert (ice.outcome, ice.reason, ice.exercise_seconds, ice.exercise_planned_seconds) == (
        "stopped",
        "too cold",
        30.0,
        60.0,
    )
    assert session_lines(logged)[1:] == ["stopped in Ice after 30 s of 1 min", "stopped: too cold"]
    report = build_report(store, MONDAY.date(), MONDAY.date(), MONDAY + timedelta(hours=12))
    assert [(f.kind, f.text) for f in report.flags] == [
        ("stopped", "stopped after 1 of 3 steps: too cold")
    ]
    # Run from a file with no start, issued or import date: due from its first session.
    assert report.routines[0].counted == Counted(due=2, done=0, partly_done=1)


def test_an_interrupted_session_keeps_what_was_done_by_its_last_step(store, clock, monkeypatch):
    engine, recorder = begin(store, clock, pain_before=4)
    run_for(engine, recorder, clock, 35 + 10)  # the PIR, then the app dies in the ice
    monkeypatch.setattr(liveness, "is_running", lambda pid, marker: False)
    with open_store() as reopened:  # the next homecare finds it
        (logged,) = reopened.sessions(with_steps=True)
        assert (logged.status, logged.outcome) == ("interrupted", "partly_done")
        report = build_report(reopened, MONDAY.date(), MONDAY.date(), MONDAY + timedelta(hours=9))
    assert [(f.kind, f.text) for f in report.flags] == [
        ("interrupted", "interrupted after 1 of 3 steps (homecare closed before the end)")
    ]
    assert "interrupted: homecare closed before the session ended" in session_lines(logged)


# -- when a schedule starts ----------------------------------------------------------------------


def file_of(routine, origin="file", path=Path("elsewhere.toml"), content_hash=None):
    return RoutineFile(path, routine, content_hash or f"hash-{routine.id}-{origin}", origin)


def due_in_may(store, library, routine_id):
    """Due, done and partly done of the routine from 1 to 31 May, the report written on 31 May."""
    report = build_report(
        store,
        date(2026, 5, 1),
        date(2026, 5, 31),
        datetime(2026, 5, 31, 20, tzinfo=BERLIN),
        library=library,
    )
    found = [r for r in report.routines if r.version.routine_id == routine_id]
    return found[0].counted if found else None


def test_a_schedule_starts_at_start_else_issued_else_import_else_first_session(
    store, clock, tmp_path
):
    daily = Schedule(times_per_day=1)
    started = replace(BACK, id="started", schedule=replace(daily, start=date(2026, 5, 25)))
    issued = replace(BACK, id="issued", issued=date(2026, 5, 20), schedule=replace(daily, weeks=1))
    imported_path = tmp_path / "imported.toml"
    imported_path.write_text("# the library's copy\n", encoding="utf-8")
    on_the_28th = datetime(2026, 5, 28, 12, tzinfo=BERLIN).timestamp()
    os.utime(imported_path, (on_the_28th, on_the_28th))
    imported = file_of(replace(BACK, id="imported", schedule=daily), "library", imported_path)
    first = file_of(replace(BACK, id="first-session", schedule=daily))
    never = file_of(replace(BACK, id="never-done", schedule=daily))
    library = [file_of(started), file_of(issued), imported, first, never]
    clock.advance((datetime(2026, 5, 30, 8, tzinfo=BERLIN) - MONDAY).total_seconds())
    whole(store, clock, first)  # its first session, on the 30th
    assert due_in_may(store, library, "started") == Counted(due=7)  # 25th to 31st
    assert due_in_may(store, library, "issued") == Counted(due=7)  # 20th, one week: to the 26th
    assert due_in_may(store, library, "imported") == Counted(due=4)  # imported on the 28th
    assert due_in_may(store, library, "first-session") == Counted(due=2, done=1)  # 30th, 31st
    assert due_in_may(store, library, "never-done") is None  # nothing due, nothing done
    known = prescriptions(store, library)
    assert known.by_id["issued"].schedule.last_day == date(2026, 5, 26)


def test_a_routine_imported_today_is_due_from_today(store, tmp_path):
    path = tmp_path / "today.toml"
    path.write_text("# imported just now\n", encoding="utf-8")
    twice_daily = replace(BACK, id="today", schedule=Schedule(times_per_day=2))
    routine = file_of(twice_daily, "library", path)
    today = date.today()
    data = overview(store, today, library=[routine])
    days = [day for week in data.weeks for day in week]
    assert [(d.day, d.due) for d in days if d.due] == [
        (d.day, 2) for d in days if d.day >= today
    ]  # from today (and the rest of this week), nothing before


# -- examples ----------------------------------------------------------------------------------


def test_examples_are_never_due_and_left_out_of_reports_unless_asked(store, clock):
    example = file_of(
        replace(BACK, id="example-back", schedule=Schedule(times_per_day=3)), "example"
    )
    whole(store, clock, example, pain=(3, 8), note="tried the example")
    first_day, generated = MONDAY.date(), MONDAY + timedelta(days=2)
    report = build_report(store, first_day, generated.date(), generated, library=[example])
    assert (report.routines, report.sessions, report.flags) == ((), (), [])
    assert "No routine was prescribed or done in this period." in render(report, "md")
    asked = build_report(
        store, first_day, generated.date(), generated, library=[example], include_examples=True
    )
    (summary,) = asked.routines
    assert summary.prescription.example and summary.adherence is None
    assert summary.outcomes == {"done": 1}
    assert "(example)" in render(asked, "md") and len(asked.flags) == 3
    data = overview(store, generated.date(), library=[example])
    assert all(day.due == 0 for week in data.weeks for day in week)  # a fresh install: none due
    assert all(day.done == 0 for week in data.weeks for day in week)  # nor counted
    (logged,) = data.recent
    assert data.is_example(logged)
    assert "example routine: not a prescription, never due" in session_lines(logged, True)
    assert str(due_today(store, "example-back", None, MONDAY.date())).startswith("1 done today")


def test_a_session_logged_before_the_log_knew_examples_is_still_an_example(store, clock):
    example = file_of(replace(BACK, id="example-back", schedule=Schedule()), "example")
    version = replace(version_of(example), origin=None)  # as a version-2 log recorded it
    session = finished(MONDAY, "example-back", content_hash=example.content_hash)
    store.add_sessions([session], [version])
    known = prescriptions(store, [example])
    assert known.by_id["example-back"].example
    assert example.content_hash in known.example_hashes


def test_history_tells_examples_from_the_log_as_the_whole_rule_does(store, clock):
    """``example_hashes`` (history's, without loading routines) agrees with ``prescriptions``:
    an example run by name, a copy of one run as a file, the patient's own routine; then a
    version logged before origins, which needs the whole rule."""
    bundled = {f.routine.id: f for f in available() if f.origin == "example"}
    example, copied = list(bundled.values())[:2]
    copy = RoutineFile(Path("copy.toml"), copied.routine, copied.content_hash, "file")
    for routine_file in (example, copy, BACK_FILE):
        whole(store, clock, routine_file)
    full = prescriptions(store, available()).example_hashes
    assert example_hashes(store) == full
    assert {example.content_hash, copied.content_hash} <= full
    assert BACK_FILE.content_hash not in full
    old = file_of(replace(BACK, id=example.routine.id), content_hash="old-example")
    store.add_sessions(
        [finished(MONDAY, old.routine.id, content_hash="old-example")],
        [replace(version_of(old), origin=None)],
    )
    full = prescriptions(store, available()).example_hashes
    assert example_hashes(store) == full and "old-example" in full


# -- flags and the formats --------------------------------------------------------------------


@pytest.fixture
def month(store, clock):
    """A prescribed routine done over four days with one flag of each kind."""
    prescribed = file_of(replace(BACK, schedule=Schedule(times_per_day=1, start=MONDAY.date())))
    whole(store, clock, prescribed, pain=(5, 7), note="ice felt numb")  # high and risen by 2
    whole(store, clock, prescribed, [WENT_ON], pain=(4, 3))  # went on after a caution
    whole(store, clock, prescribed, [EXCUSED], pain=(3, 2))
    engine, recorder = begin(store, clock, prescribed, pain_before=3)
    run_for(engine, recorder, clock, 35 + 40)  # the PIR, then 40 s of the ice
    recorder.record(engine.stop("phone rang"))
    recorder.finish(None, "")
    generated = MONDAY + timedelta(days=4, hours=12)
    return build_report(store, MONDAY.date(), generated.date(), generated, library=[prescribed])


def test_flags_of_each_kind_newest_first(month):
    flags = [(f.local_day.day, f.kind) for f in month.flags]
    assert flags == [
        (7, "stopped"),
        (6, "safety_excused"),
        (5, "safety_override"),
        (4, "pain_high"),
        (4, "pain_rise"),
        (4, "note"),
    ]
    texts = {f.kind: f.text for f in month.flags}
    assert texts["safety_override"] == "Ice: safety check: body feels cold; went on anyway."
    assert texts["pain_rise"] == "pain rose from 5 to 7"
    assert texts["note"] == "ice felt numb"  # the patient's words, nothing glued on
    (summary,) = month.routines
    assert summary.counted == Counted(due=5, done=3, partly_done=1)  # Friday: nothing yet


def test_json_summary_reads_back(month):
    document = json.loads(render(month, "json"))
    (routine,) = document["summary"]["routines"]
    assert {
        key: routine[key] for key in ("id", "title", "due", "done", "partly_done", "not_done")
    } == {
        "id": "lower-back",
        "title": BACK.title,
        "due": 5,
        "done": 3,
        "partly_done": 1,
        "not_done": 1,
    }
    assert routine["sessions"] == {"done": 3, "partly_done": 1, "not_done": 0}
    assert routine["start"] == "2026-05-04" and routine["example"] is False
    flags = document["summary"]["flags"]
    assert {flag["kind"] for flag in flags} == {
        "pain_high",
        "pain_rise",
        "safety_override",
        "safety_excused",
        "stopped",
        "note",
    }
    assert flags[0]["started"].startswith("2026-05-07T08:0")
    assert {key: value for key, value in flags[0].items() if key != "started"} == {
        "kind": "stopped",
        "local_day": "2026-05-07",
        "routine_id": "lower-back",
        "session_id": 4,
        "text": "stopped after 1 of 3 steps: phone rang",
    }
    pain = document["summary"]["pain_first_last_week"]
    assert pain == [{"week_from": "2026-05-04", "before": 3.75, "after": 4.0}]
    second = document["sessions"][1]
    assert (second["outcome"], second["safety_override"]) == (
        "done",
        "Ice: safety check: body feels cold; went on anyway.",
    )
    assert second["steps"][1]["exercise_seconds"] == 60.0


def test_csv_has_the_new_columns_and_reads_back(month):
    rows = list(csv.DictReader(io.StringIO(render(month, "csv"), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["outcome"] for row in rows] == ["done", "done", "done", "partly_done"]
    assert [row["steps_excused"] for row in rows] == ["0", "0", "1", "0"]
    assert rows[1]["safety_override"] == "Ice: safety check: body feels cold; went on anyway."
    assert rows[2]["skipped_steps"] == "Ice: safety check: body feels cold"
    assert {row["example"] for row in rows} == {"False"}


class Sections(HTMLParser):
    """The page's headings in order, the summary's list items, and table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.items: list[str] = []
        self.cells: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "li", "td"):
            self._in = tag
            {"h2": self.headings, "li": self.items, "td": self.cells}[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            {"h2": self.headings, "li": self.items, "td": self.cells}[self._in][-1] += data


def test_html_opens_with_the_summary_then_flags_then_sessions(month):
    page = Sections()
    page.feed(render(month, "html"))
    page.close()
    assert page.headings[:3] == ["Summary", "Flags", "Sessions"]
    assert page.items[0] == "Patient: Pat Doe"
    assert page.items[1] == "Period: 2026-05-04 to 2026-05-08, 4 sessions"
    assert page.items[2] == (f"{BACK.title}: 3 done, 1 partly done, 1 not done of 5 due (60%)")
    assert page.items[3].startswith("Pain (one week of ratings, from 2026-05-04): before 3.8")
    assert "went on after a safety caution" in page.cells
    assert "phone rang" in " ".join(page.cells)


def test_markdown_opens_with_the_summary_and_a_routine_can_be_chosen(month, store):
    text = render(month, "md")
    assert text.index("## Summary") < text.index("## Flags") < text.index("## Sessions")
    assert "- **Period:** 2026-05-04 to 2026-05-08, 4 sessions" in text
    other = build_report(store, month.since, month.until, month.generated, routine_id="other")
    assert (other.routines, other.sessions) == ((), ())


def test_the_pain_chart_fits_one_session_or_a_hundred(store, clock):
    whole(store, clock, pain=(6, 4))
    one = build_report(store, date(1, 1, 1), date(9999, 12, 31), MONDAY + timedelta(days=1))
    html = render(one, "html")
    circle = html[html.index("<circle", html.index("</title>")) :]
    x = float(circle.split('cx="')[1].split('"')[0])
    assert 300 < x < 360  # in the middle of the chart, not at the start of 10,000 years
    for _ in range(99):
        whole(store, clock, pain=(5, 3))
    hundred = build_report(store, date(1, 1, 1), date(9999, 12, 31), clock.wall())
    svg = render(hundred, "html")
    assert svg.count("<circle") == 100 + 1  # a marker a day, plus the legend's


# -- the migration ------------------------------------------------------------------------------


def test_a_version_2_log_is_migrated_to_the_honest_record(tmp_path):
    connection = sqlite3.connect(tmp_path / "old.sqlite3", isolation_level=None)
    migrate(connection, target=2)
    rows = [
        # id, status, steps_done, steps_skipped, steps_total, note
        (1, "completed", 0, 3, 3, ""),
        (2, "completed", 2, 1, 3, "Ice: safety check: body feels cold; went on anyway. sore"),
        (3, "stopped", 1, 0, 3, ""),
        (4, "completed", 2, 1, 3, ""),
    ]
    for id_, status, done, skipped, total, note in rows:
        connection.execute(
            "INSERT INTO sessions (id, routine_id, title, content_hash, started_utc, "
            "utc_offset_minutes, updated_utc, status, planned_seconds, steps_done, "
            "steps_skipped, steps_total, note, app_version, local_day) VALUES "
            "(?, 'r', 'R', 'h', '2026-05-04 06:00:00', 120, '2026-05-04 06:10:00', ?, 600, ?, ?, "
            "?, ?, '0.1.0', '2026-05-04')",
            (id_, status, done, skipped, total, note),
        )
    steps = [
        (1, 0, "skipped", "skipped by the patient"),
        (4, 0, "done", ""),
        (4, 1, "skipped", "safety check: body feels cold"),
        (4, 2, "done", ""),
        (3, 0, "done", ""),
    ]
    connection.executemany(
        "INSERT INTO steps (session_id, step_index, name, outcome, reason) "
        "VALUES (?, ?, 'S', ?, ?)",
        steps,
    )
    assert migrate(connection, 3) == 2 and schema_version(connection) == 3
    found = connection.execute(
        "SELECT id, outcome, steps_excused, steps_skipped, safety_override, note FROM sessions "
        "ORDER BY id"
    ).fetchall()
    assert found == [
        (1, "not_done", 0, 3, "", ""),
        (2, "partly_done", 0, 1, "Ice: safety check: body feels cold; went on anyway.", "sore"),
        (3, "partly_done", 0, 0, "", ""),
        (4, "done", 1, 0, "", ""),
    ]
    outcome = connection.execute(
        "SELECT outcome FROM steps WHERE session_id = 4 AND step_index = 1"
    ).fetchone()
    assert outcome == ("excused",)


def test_a_routine_edited_after_it_was_in_use_keeps_its_earlier_start(store, clock, tmp_path):
    path = tmp_path / "edited.toml"
    path.write_text("# edited in the app on the 20th\n", encoding="utf-8")
    on_the_20th = datetime(2026, 5, 20, 12, tzinfo=BERLIN).timestamp()
    os.utime(path, (on_the_20th, on_the_20th))
    edited = file_of(replace(BACK, id="edited", schedule=Schedule()), "library", path)
    clock.advance((datetime(2026, 5, 18, 8, tzinfo=BERLIN) - MONDAY).total_seconds())
    whole(store, clock, edited)  # in use since the 18th
    assert due_in_may(store, [edited], "edited") == Counted(due=14, done=1)  # 18th to 31st
