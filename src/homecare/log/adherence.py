"""Adherence: how many sessions a routine's schedule asked for, and how many were done.

Days are the patient's local days: each session is counted on the calendar day it started as
shown on the patient's clock at the time (the log keeps that day), so a session at 00:30 in
Berlin belongs to that day though it is still "yesterday" in UTC, and a daylight-saving change
or a trip to another time zone moves nothing. "Done" means a completed session; a stopped or
interrupted one is shown in the history but does not count. More sessions than due on a day do
not make up for another day.

All counts come from one grouped, indexed query per call (never loading the sessions), so this
stays fast with a log of 100,000 sessions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from homecare.log.store import LogStore
from homecare.routine.model import WEEKDAYS, Schedule


@dataclass(frozen=True)
class DayAdherence:
    day: date
    due: int
    done: int

    @property
    def met(self) -> bool:
        return self.due > 0 and self.done >= self.due

    @property
    def counted(self) -> int:
        """Done sessions that count towards what was due (extra ones do not)."""
        return min(self.done, self.due)


@dataclass(frozen=True)
class Adherence:
    """One routine over a range of days."""

    routine_id: str
    days: tuple[DayAdherence, ...]
    current_streak: int
    longest_streak: int

    @property
    def due(self) -> int:
        return sum(day.due for day in self.days)

    @property
    def done(self) -> int:
        return sum(day.counted for day in self.days)

    @property
    def rate(self) -> float | None:
        """Done out of due, 0 to 1; None when nothing was due."""
        return self.done / self.due if self.due else None


@dataclass(frozen=True)
class DueToday:
    """What the home screen shows for a routine: "1 of 2 done today", and when last done."""

    due: int
    done: int
    last_done: datetime | None

    def __str__(self) -> str:
        if self.due:
            return f"{self.done} of {self.due} done today"
        if self.done:
            return f"{self.done} done today (not scheduled)"
        return "not scheduled today"


def due_on(schedule: Schedule | None, day: date) -> int:
    """Sessions the schedule asks for on ``day``: 0 outside the prescription or its weekdays."""
    if schedule is None:
        return 0
    if schedule.start is not None and day < schedule.start:
        return 0
    last = schedule.last_day
    if last is not None and day > last:
        return 0
    if schedule.days and WEEKDAYS[day.weekday()] not in schedule.days:
        return 0
    return schedule.times_per_day


def each_day(first: date, last: date) -> Iterator[date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield date.fromordinal(ordinal)


def streaks(days: Sequence[DayAdherence], today: date) -> tuple[int, int]:
    """(current, longest) runs of prescribed days with every due session done.

    Days with nothing due neither extend nor break a run; today, while unfinished, does not
    break one either.
    """
    run = longest = 0
    for day in days:
        if day.due == 0:
            continue
        if day.met:
            run += 1
            longest = max(longest, run)
        elif day.day != today:
            run = 0
    return run, longest


def day_counts(
    schedule: Schedule | None, done: dict[date, int], first: date, last: date
) -> tuple[DayAdherence, ...]:
    """Due and done for each day from ``first`` to ``last``, given completed counts per day."""
    return tuple(
        DayAdherence(day, due_on(schedule, day), done.get(day, 0)) for day in each_day(first, last)
    )


def adherence(
    store: LogStore,
    routine_id: str,
    schedule: Schedule | None,
    first: date,
    last: date,
    today: date | None = None,
) -> Adherence:
    """Adherence of one routine from ``first`` to ``last`` (local days, inclusive)."""
    done = store.completed_per_day(first, last, routine_id).get(routine_id, {})
    days = day_counts(schedule, done, first, last)
    current, longest = streaks(days, today or last)
    return Adherence(routine_id, days, current, longest)


def prescription_period(schedule: Schedule | None, first: date, last: date) -> tuple[date, date]:
    """``first``..``last`` narrowed to the prescription's own start and end, where it has them."""
    if schedule is not None:
        if schedule.start is not None:
            first = max(first, schedule.start)
        if schedule.last_day is not None:
            last = min(last, schedule.last_day)
    return first, last


def due_today(
    store: LogStore, routine_id: str, schedule: Schedule | None, today: date
) -> DueToday:
    done = store.completed_per_day(today, today, routine_id).get(routine_id, {}).get(today, 0)
    last = store.last_completed(routine_id)
    return DueToday(due_on(schedule, today), done, last.started if last else None)


def weekly(days: Sequence[DayAdherence]) -> list[tuple[date, int, int]]:
    """(Monday of the week, due, done) for each calendar week the days touch, in order."""
    weeks: dict[date, list[int]] = {}
    for day in days:
        monday = day.day - timedelta(days=day.day.weekday())
        totals = weeks.setdefault(monday, [0, 0])
        totals[0] += day.due
        totals[1] += day.counted
    return [(monday, due, done) for monday, (due, done) in weeks.items()]
