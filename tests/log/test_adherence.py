"""Adherence on the patient's local days: day boundaries, time zones and daylight saving."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from homecare.log.adherence import (
    Adherence,
    Counted,
    adherence,
    due_between,
    due_on,
    due_today,
    each_day,
    prescription_period,
    streaks,
)
from homecare.routine.model import Schedule

from .factories import finished

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TWICE_DAILY = Schedule(times_per_day=2, start=date(2026, 1, 1))


def days(result: Adherence):
    return [result.on(day) for day in each_day(result.first, result.last)]


def test_due_follows_weekdays_and_the_prescription_period():
    schedule = Schedule(times_per_day=2, days=("mon", "wed"), start=date(2026, 3, 2), weeks=2)
    assert due_on(schedule, date(2026, 3, 2)) == 2  # a Monday, the first day
    assert due_on(schedule, date(2026, 3, 3)) == 0  # a Tuesday
    assert due_on(schedule, date(2026, 3, 11)) == 2  # Wednesday of week 2
    assert due_on(schedule, date(2026, 3, 16)) == 0  # after 2 weeks
    assert due_on(schedule, date(2026, 3, 1)) == 0  # before the start
    assert due_on(None, date(2026, 3, 2)) == 0
    assert due_on(Schedule(times_per_day=2), date(2026, 3, 2)) == 0  # no start: never due
    assert due_between(schedule, date(2026, 1, 1), date(2026, 12, 31)) == 8  # 4 days x 2
    assert due_between(schedule, date(2026, 3, 3), date(2026, 3, 10)) == 4  # Wed 4, Mon 9
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
    assert [(d.day.day, d.done) for d in days(result)] == [(10, 1), (11, 1)]


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
    shown = [(d.day.day, d.due, d.done) for d in days(result)]
    assert shown == [(28, 2, 0), (29, 2, 2), (30, 2, 0)]
    assert [s.started.hour for s in reversed(store.sessions())] == [0, 23]


def test_new_york_fall_back_day_counts_the_repeated_hour_once_each(store):
    # 1 November 2026: 01:30 happens twice (EDT, then EST); 23:30 EST is the 2nd in UTC.
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)
    second = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK)
    late = datetime(2026, 11, 1, 23, 30, tzinfo=NEW_YORK)
    assert second - first == timedelta(0) and second.utcoffset() != first.utcoffset()
    store.add_sessions([finished(first), finished(second), finished(late)])
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(2026, 11, 1), date(2026, 11, 2))
    assert [(d.day.day, d.done, d.counted) for d in days(result)] == [(1, 3, 2), (2, 0, 0)]
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
    assert [d.done for d in days(result)] == [2, 0]


def test_only_done_sessions_count_whatever_their_status(store):
    day = datetime(2026, 4, 7, 9, tzinfo=timezone.utc)
    store.add_sessions(
        [
            finished(day, status="stopped", steps_done=1),  # partly done
            finished(day, steps_done=0),  # completed, every step skipped: not done
            finished(day, status="interrupted"),  # every step done before the app closed
        ]
    )
    today = due_today(store, "lower-back-pir", TWICE_DAILY, day.date())
    assert (today.due, today.done, str(today)) == (2, 1, "1 of 2 done today")
    assert today.last_done == day
    result = adherence(store, "lower-back-pir", TWICE_DAILY, day.date(), day.date())
    assert result.counted == Counted(due=2, done=1, partly_done=1)


def test_due_today_without_a_schedule(store):
    day = datetime(2026, 4, 7, 9, tzinfo=timezone.utc)
    assert str(due_today(store, "lower-back-pir", None, day.date())) == "not scheduled today"
    store.add_sessions([finished(day)])
    shown = str(due_today(store, "lower-back-pir", None, day.date()))
    assert shown == "1 done today (not scheduled)"


def test_last_done_is_the_latest_done_session_of_that_routine(store):
    store.add_sessions(
        [
            finished(datetime(2026, 4, 1, 9, tzinfo=BERLIN)),
            finished(datetime(2026, 4, 3, 9, tzinfo=BERLIN)),
            finished(datetime(2026, 4, 4, 9, tzinfo=BERLIN), status="stopped", steps_done=1),
            finished(datetime(2026, 4, 5, 9, tzinfo=BERLIN), routine_id="other"),
        ]
    )
    today = due_today(store, "lower-back-pir", TWICE_DAILY, date(2026, 4, 5))
    assert today.last_done == datetime(2026, 4, 3, 9, tzinfo=BERLIN)
    assert str(today) == "0 of 2 done today"


def test_streaks_skip_unscheduled_days_and_do_not_break_on_an_unfinished_today():
    monday = date(2026, 5, 4)  # Thursday is a rest day; Sunday the 10th is "today"
    schedule = Schedule(days=("mon", "tue", "wed", "fri", "sat", "sun"), start=monday)
    done = {4: 1, 6: 1, 8: 2, 9: 1}  # nothing on Tuesday the 5th nor on Sunday
    per_day = {date(2026, 5, day): {"done": count} for day, count in done.items()}
    sunday = date(2026, 5, 10)
    assert streaks(schedule, per_day, sunday, today=sunday) == (3, 3)  # the rest day counts not
    assert streaks(schedule, per_day, sunday, today=sunday + timedelta(days=1)) == (0, 3)


def test_adherence_rate_caps_extra_sessions_per_day(store):
    start = datetime(2026, 5, 4, 8, tzinfo=BERLIN)
    store.add_sessions([finished(start + timedelta(hours=h)) for h in range(4)])  # 4 on Monday
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(2026, 5, 4), date(2026, 5, 5))
    assert (result.due, result.done, result.rate) == (4, 2, 0.5)


def test_weekly_totals_start_on_monday(store):
    wednesday = date(2026, 5, 6)
    done = (2, 1, 0, 2, 2, 2, 2, 1)
    store.add_sessions(
        [
            finished(
                datetime.combine(wednesday + timedelta(days=n), datetime.min.time(), BERLIN)
                + timedelta(hours=8 + k)
            )
            for n, count in enumerate(done)
            for k in range(count)
        ]
    )
    result = adherence(store, "lower-back-pir", TWICE_DAILY, wednesday, date(2026, 5, 13))
    assert result.weeks() == [
        (date(2026, 5, 4), Counted(10, 7)),
        (date(2026, 5, 11), Counted(6, 5)),
    ]


def test_a_period_of_millennia_is_counted_without_walking_its_days(store):
    monday = datetime(2026, 5, 4, 8, tzinfo=BERLIN)
    store.add_sessions([finished(monday), finished(monday + timedelta(hours=9))])
    result = adherence(store, "lower-back-pir", TWICE_DAILY, date(1, 1, 1), date(9999, 12, 31))
    assert (result.first, result.last) == (TWICE_DAILY.start, date(9999, 12, 31))
    assert result.due == 2 * ((date(9999, 12, 31) - date(2026, 1, 1)).days + 1)
    assert (result.done, result.current_streak, result.longest_streak) == (2, 0, 1)
