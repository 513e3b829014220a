"""Calendar reminders: RFC 5545 text that icalendar reads back to the same schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timezone

import pytest
from icalendar import Calendar

from homecare.clinician import remind
from homecare.routine.model import Schedule

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 10, 15, tzinfo=timezone.utc)


def ics(routine, **kwargs) -> bytes:
    return remind.to_ics(routine, today=TODAY, now=NOW, **kwargs)


def events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


def test_one_weekly_event_per_session_until_the_last_day(routine):
    morning, evening = events(ics(routine))
    assert morning.decoded("dtstart") == datetime(2026, 11, 25, 9, 0)
    assert evening.decoded("dtstart") == datetime(2026, 11, 25, 20, 0)
    rule = morning["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    assert rule["UNTIL"] == [datetime(2026, 12, 15, 23, 59, 59)]  # start + 3 weeks - 1 day
    # The event lasts the session (timed phases only), rounded up to whole minutes.
    assert morning.decoded("dtend") - morning.decoded("dtstart") == remind.timedelta(minutes=20)
    (alarm,) = morning.walk("VALARM")
    assert alarm["action"] == "DISPLAY" and alarm.decoded("trigger") == remind.timedelta(0)


def test_daily_without_days_and_open_ended_without_end(routine):
    (event,) = events(ics(replace(routine, schedule=Schedule())))
    assert event["rrule"]["FREQ"] == ["DAILY"] and "UNTIL" not in event["rrule"]
    assert event.decoded("dtstart") == datetime(2026, 11, 25, 9, 0)  # today, with no start


def test_weeks_without_start_count_from_today(routine):
    (event,) = events(ics(replace(routine, schedule=Schedule(weeks=1))))
    assert event["rrule"]["UNTIL"] == [datetime(2026, 12, 1, 23, 59, 59)]


def test_first_event_falls_on_a_prescribed_weekday(routine):
    schedule = Schedule(days=("sat",), start=TODAY)
    (event,) = events(ics(replace(routine, schedule=schedule)))
    assert event.decoded("dtstart") == datetime(2026, 11, 28, 9, 0)


def test_an_end_before_the_first_prescribed_day_is_refused(routine):
    schedule = Schedule(days=("sat",), start=TODAY, end=date(2026, 11, 27))
    with pytest.raises(ValueError, match="no prescribed day"):
        ics(replace(routine, schedule=schedule))


def test_uids_are_stable_and_distinct(routine):
    first = [str(e["uid"]) for e in events(ics(routine))]
    later = remind.to_ics(routine, today=date(2027, 1, 1), now=datetime.now(timezone.utc))
    assert first == [str(e["uid"]) for e in events(later)]
    assert first == ["lower-back-week-1-session-1@homecare", "lower-back-week-1-session-2@homecare"]


def test_text_is_escaped_and_lines_folded(routine, hostile):
    long_contact = (hostile + " ") * 4
    data = ics(replace(routine, title=hostile[:80], contact=long_contact.strip()))
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # RFC 5545 3.1: folded at 75 octets
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert rb"a\,b\\c" in data.replace(b"\r\n ", b"")  # TEXT escaping (3.3.11)
    (event, _) = events(data)
    assert str(event["summary"]) == hostile[:80]
    assert long_contact.strip() in str(event["description"])


def test_times_can_be_chosen(routine):
    at = remind.parse_times("20:30, 7:45")
    assert at == (time(7, 45), time(20, 30))
    starts = [e.decoded("dtstart").time() for e in events(ics(routine, at=at))]
    assert starts == [time(7, 45), time(20, 30)]
    with pytest.raises(ValueError, match="2 session"):
        ics(routine, at=(time(8, 0),))


@pytest.mark.parametrize("text", ["25:00", "8am", "08:60", "08:00,08:00", ""])
def test_bad_times_are_refused(text):
    with pytest.raises(ValueError):
        remind.parse_times(text)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, ["09:00"]), (2, ["09:00", "20:00"]), (3, ["09:00", "14:30", "20:00"])],
)
def test_default_times_spread_over_the_day(n, expected):
    assert [t.strftime("%H:%M") for t in remind.default_times(n)] == expected
