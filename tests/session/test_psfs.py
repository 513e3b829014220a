"""The PSFS rules: when it is due (local days), what is asked, and what the flow records."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fakes import MemoryLog

from homecare.routine.model import Psfs, RestStep, Routine
from homecare.session import psfs
from homecare.session.clock import FakeClock
from homecare.session.flow import Flow

LISTED = Routine(title="Back", steps=(RestStep(seconds=5),), psfs=Psfs(("Socks", "Stairs")))
UNLISTED = Routine(title="Back", steps=(RestStep(seconds=5),), psfs=Psfs(every_days=14))
DAY = date(2026, 3, 2)


def test_never_asked_without_a_psfs_table():
    assert psfs.questions_for(Routine(title="Back"), None, DAY) is None


def test_the_first_time_it_is_due_with_the_files_activities():
    assert psfs.questions_for(LISTED, None, DAY) == psfs.Questions(("Socks", "Stairs"))


def test_the_first_time_without_listed_activities_the_patient_names_them():
    questions = psfs.questions_for(UNLISTED, None, DAY)
    assert questions is not None and questions.to_name


@pytest.mark.parametrize(
    ("days_since", "due"), [(0, False), (1, False), (6, False), (7, True), (8, True), (40, True)]
)
def test_due_again_every_days_after_the_last_one_taken(days_since, due):
    last = psfs.Taken(DAY, ("Socks", "Stairs"))
    questions = psfs.questions_for(LISTED, last, DAY + timedelta(days=days_since))
    assert (questions is not None) is due
    if due:  # a week of missed sessions asks it at the next one
        assert questions == psfs.Questions(("Socks", "Stairs"))


def test_the_activities_the_patient_named_are_asked_again():
    last = psfs.Taken(DAY, ("Putting on socks",))
    assert psfs.questions_for(UNLISTED, last, DAY + timedelta(days=13)) is None
    again = psfs.questions_for(UNLISTED, last, DAY + timedelta(days=14))
    assert again == psfs.Questions(("Putting on socks",))


def test_the_files_list_wins_over_what_was_asked_before():
    last = psfs.Taken(DAY, ("Old activity",))
    again = psfs.questions_for(LISTED, last, DAY + timedelta(days=7))
    assert again is not None and again.activities == ("Socks", "Stairs")


def test_days_are_the_patients_local_days_across_a_clock_change():
    """Taken late on 24 March in Berlin; due on 31 March local, across the change to summer
    time, although fewer than 7 * 24 hours have passed by its first minutes."""
    berlin = ZoneInfo("Europe/Berlin")
    taken = datetime(2026, 3, 24, 23, 50, tzinfo=berlin)
    last = psfs.Taken(taken.date(), ("Socks", "Stairs"))
    just_after_midnight = datetime(2026, 3, 31, 0, 5, tzinfo=berlin)
    assert just_after_midnight - taken < timedelta(days=7)
    clock = FakeClock(just_after_midnight)
    assert Flow.of(LISTED, clock).psfs_due(last) is not None
    clock = FakeClock(datetime(2026, 3, 30, 23, 55, tzinfo=berlin))
    assert Flow.of(LISTED, clock).psfs_due(last) is None


def test_the_flow_records_the_ratings_when_the_session_starts():
    flow = Flow.of(LISTED, FakeClock())
    assert flow.psfs_due(None) is not None
    flow.set_pain_before(3)
    flow.set_psfs([("Socks", 4), ("Stairs", 10)])
    log = MemoryLog()
    flow.start(log)
    assert log.psfs == [("Socks", 4), ("Stairs", 10)]
    assert [name for name, _ in log.calls] == ["pain before", "safety", "psfs"]


def test_declined_records_nothing_so_it_is_due_at_the_next_session():
    flow = Flow.of(LISTED, FakeClock())
    assert flow.psfs_due(None) is not None
    flow.set_pain_before(3)  # the patient said "not today": set_psfs is never called
    log = MemoryLog()
    flow.start(log)
    assert "psfs" not in [name for name, _ in log.calls]
    assert Flow.of(LISTED, FakeClock()).psfs_due(None) is not None  # nothing taken: due


@pytest.mark.parametrize(
    "ratings",
    [[], [("Socks", 11)], [("Socks", -1)], [("Socks", True)], [("", 3)], [("a", 1)] * 6],
)
def test_ratings_off_the_scale_never_reach_the_log(ratings):
    flow = Flow.of(LISTED, FakeClock())
    with pytest.raises(ValueError):
        flow.set_psfs(ratings)
    assert flow.psfs_ratings == ()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Putting on   socks ", "Putting on socks"),
        ("Sit\x1b[31mting", "Sit [31mting"),  # an escape is never kept
        ("[bold]Stairs[/bold]", "[bold]Stairs[/bold]"),  # text, shown literally
    ],
)
def test_a_named_activity_is_kept_on_one_line_without_control_characters(typed, kept):
    assert psfs.clean_activity(typed) == kept


def test_why_a_named_activity_is_refused():
    assert psfs.activity_problem("Socks", ["Stairs"]) == ""
    assert "already" in psfs.activity_problem("Socks", ["Socks"])
    assert "Type the activity" in psfs.activity_problem("", [])
    assert "Type the activity" in psfs.activity_problem("q", [])  # someone trying to quit
    assert psfs.activity_problem("Sit", []) == ""
    assert "80 characters (it has 81)" in psfs.activity_problem("x" * 81, [])


def test_the_score_is_the_mean():
    assert psfs.mean([3, 4, 8]) == 5.0
