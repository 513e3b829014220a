"""Adherence on the patient's local days: day boundaries, time zones and daylight saving."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from homecare.log.adherence import (
    DayAdherence,
    adherence,
    due_on,
    due_today,
    prescription_period,
    streaks,
    weekly,
)
from homecare.routine.model import Schedule

from .factories import finished

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TWICE_DAILY = Schedule(times_per_day=2)


def test_due_follows_weekdays_and_the_prescription_period():
    schedule = Schedule(times_per_day=2, days=("mon", "wed"), start=date(2026, 3, 2), weeks=2)
    assert due_on(schedule, date(2026, 3, 2)) == 2  # a Monday, the first day
    assert due_on(schedule, date(2026, 3, 3)) == 0  # a Tuesday
    assert due_on(schedule, date(2026, 3, 11)) == 2  # Wednesday of week 2
    assert due_on(schedule, date(2026, 3, 16)) == 0  # after 2 weeks
    assert due_on(schedule, date(2026, 3, 1)) == 0  # before the start
    assert due_on(None, date(2026, 3, 2)) == 0
    assert prescription_period(schedule, date(2026, 1, 1), date(2026, 12, 31)) == (
        date(2026, 3, 2),
        date(2026, 3, 15),
    )


def test_sessions_count_on_the_local_day_either_side_of_midnight(store):
    store.add_sessions(
        [
            finished(datetime(2026, 6, 10, 23, 59, tzinfo=BERLIN)),  # 21:59 UTC
            finished(datetime(2026, 6, 11, 0, 1, tzinfo=BERLIN)),  # 22:01 UTC on the 10th
        ]
    )
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(2026, 6, 10), date(2026, 6, 11))
    assert [(d.day.day, d.done) for d in result.days] == [(10, 1), (11, 1)]


def test_berlin_spring_forward_day_counts_both_sessions(store):
    # 29 March 2026: clocks go from 02:00 to 03:00. 00:30 CET is still the 28th in UTC;
    # 23:30 CEST is 21:30 UTC. Both are the 29th for the patient.
    store.add_sessions(
        [
            finished(datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)),
            finished(datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN)),
        ]
    )
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(2026, 3, 28), date(2026, 3, 30))
    assert [(d.day.day, d.due, d.done) for d in result.days] == [(28, 2, 0), (29, 2, 2), (30, 2, 0)]
    assert [s.started.hour for s in reversed(store.sessions())] == [0, 23]


def test_new_york_fall_back_day_counts_the_repeated_hour_once_each(store):
    # 1 November 2026: 01:30 happens twice (EDT, then EST); 23:30 EST is the 2nd in UTC.
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)
    second = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK)
    late = datetime(2026, 11, 1, 23, 30, tzinfo=NEW_YORK)
    assert second - first == timedelta(0) and second.utcoffset() != first.utcoffset()
    store.add_sessions([finished(first), finished(second), finished(late)])
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(2026, 11, 1), date(2026, 11, 2))
    assert [(d.day.day, d.done, d.counted) for d in result.days] == [(1, 3, 2), (2, 0, 0)]
    shown = sorted(s.started.isoformat() for s in store.sessions())
    assert shown == [
        "2026-11-01T01:30:00-04:00",
        "2026-11-01T01:30:00-05:00",
        "2026-11-01T23:30:00-05:00",
    ]


def test_a_trip_across_time_zones_keeps_each_session_on_the_day_the_patient_lived(store):
    # At home in Berlin in the morning, then an evening session in New York: 22:00 there is
    # 04:00 the next day in Berlin and 03:00 UTC, yet it is still the 5th for the patient.
    store.add_sessions(
        [
            finished(datetime(2026, 8, 5, 8, 0, tzinfo=BERLIN)),
            finished(datetime(2026, 8, 5, 22, 0, tzinfo=NEW_YORK)),
        ]
    )
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(2026, 8, 5), date(2026, 8, 6))
    assert [d.done for d in result.days] == [2, 0]


def test_only_completed_sessions_count(store):
    day = datetime(2026, 4, 7, 9, tzinfo=timezone.utc)
    store.add_sessions(
        [finished(day, status="stopped"), finished(day, status="interrupted"), finished(day)]
    )
    today = due_today(store, "lower-back-pir", TWICE_DAILY, day.date())
    assert (today.due, today.done, str(today)) == (2, 1, "1 of 2 done today")
    assert today.last_done == day


def test_due_today_without_a_schedule(store):
    day = datetime(2026, 4, 7, 9, tzinfo=timezone.utc)
    assert str(due_today(store, "lower-back-pir", None, day.date())) == "not scheduled today"
    store.add_sessions([finished(day)])
    shown = str(due_today(store, "lower-back-pir", None, day.date()))
    assert shown == "1 done today (not scheduled)"


def test_last_done_is_the_latest_completed_session_of_that_routine(store):
    store.add_sessions(
        [
            finished(datetime(2026, 4, 1, 9, tzinfo=BERLIN)),
            finished(datetime(2026, 4, 3, 9, tzinfo=BERLIN)),
            finished(datetime(2026, 4, 4, 9, tzinfo=BERLIN), status="stopped"),
            finished(datetime(2026, 4, 5, 9, tzinfo=BERLIN), routine_id="other"),
        ]
    )
    today = due_today(store, "lower-back-pir", TWICE_DAILY, date(2026, 4, 5))
    assert today.last_done == datetime(2026, 4, 3, 9, tzinfo=BERLIN)
    assert str(today) == "0 of 2 done today"


def _days(*pairs, first=date(2026, 5, 4)):
    return [
        DayAdherence(first + timedelta(days=n), due, done) for n, (due, done) in enumerate(pairs)
    ]


def test_streaks_skip_unscheduled_days_and_do_not_break_on_an_unfinished_today():
    days = _days((1, 1), (1, 0), (1, 1), (0, 0), (1, 2), (1, 1), (1, 0))
    current, longest = streaks(days, today=days[-1].day)
    assert (current, longest) == (3, 3)  # the rest day between does not break the run
    assert streaks(days, today=days[-1].day + timedelta(days=1)) == (0, 3)


def test_adherence_rate_caps_extra_sessions_per_day(store):
    start = datetime(2026, 5, 4, 8, tzinfo=BERLIN)
    store.add_sessions([finished(start + timedelta(hours=h)) for h in range(4)])  # 4 on Monday
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(2026, 5, 4), date(2026, 5, 5))
    assert (result.due, result.done, result.rate) == (4, 2, 0.5)


def test_weekly_totals_start_on_monday():
    wednesday = date(2026, 5, 6)
    days = _days((2, 2), (2, 1), (2, 0), (2, 2), (2, 2), (2, 2), (2, 2), (2, 1), first=wednesday)
    assert weekly(days) == [(date(2026, 5, 4), 10, 7), (date(2026, 5, 11), 6, 5)]
