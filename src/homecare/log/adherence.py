"""Adherence: how many sessions a routine's schedule asked for, and how many were done.

Days are the patient's local days: each session is counted on the calendar day it started as
shown on the patient's clock at the time (the log keeps that day), so a session at 00:30 in
Berlin belongs to that day though it is still "yesterday" in UTC, and a daylight-saving change
or a trip to another time zone moves nothing. A session counts as done, partly done or not done
by the one rule of homecare.log.outcome, whatever its status. More sessions than due on a day
do not make up for another day.

Nothing here walks the days of a period: what was due is counted with arithmetic on weeks, and
what was done comes from one grouped, indexed query over the sessions in range, so the work and
memory grow with the sessions, not with the days (a report from year 1 to 9999 is as quick as
one for a week).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from homecare.log.outcome import DONE, PARTLY_DONE
from homecare.log.store import LogStore
from homecare.routine.model import WEEKDAYS, Schedule

PerDay = dict[date, dict[str, int]]  # local day -> outcome -> sessions


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
class Counted:
    """Due sessions of a period, split: done, partly done, and the rest (not done)."""

    due: int = 0
    done: int = 0
    partly_done: int = 0

    @property
    def not_done(self) -> int:
        return self.due - self.done - self.partly_done

    def __add__(self, other: Counted) -> Counted:
        return Counted(
            self.due + other.due, self.done + other.done, self.partly_done + other.partly_done
        )


@dataclass(frozen=True)
class Adherence:
    """One routine from ``first`` to ``last`` (already narrowed to its prescription)."""

    routine_id: str
    schedule: Schedule | None
    first: date
    last: date
    per_day: PerDay = field(repr=False)
    current_streak: int
    longest_streak: int

    @property
    def counted(self) -> Counted:
        return self.between(self.first, self.last)

    @property
    def due(self) -> int:
        return self.counted.due

    @property
    def done(self) -> int:
        return self.counted.done

    @property
    def rate(self) -> float | None:
        """Done out of due, 0 to 1; None when nothing was due."""
        return self.done / self.due if self.due else None

    def on(self, day: date) -> DayAdherence:
        """Due and done on one day."""
        return DayAdherence(day, due_on(self.schedule, day), self.per_day.get(day, {}).get(DONE, 0))

    def between(self, first: date, last: date) -> Counted:
        """Due, done and partly done from ``first`` to ``last`` (within the period)."""
        first, last = max(first, self.first), min(last, self.last)
        days = {day: outcomes for day, outcomes in self.per_day.items() if first <= day <= last}
        return _count(self.schedule, first, last, days)

    def weeks(self) -> list[tuple[date, Counted]]:
        """(Monday, counts) for each calendar week of the period, in order."""
        by_week: dict[date, PerDay] = {}
        for day, outcomes in self.per_day.items():
            by_week.setdefault(day - timedelta(days=day.weekday()), {})[day] = outcomes
        monday = self.first - timedelta(days=self.first.weekday())
        out = []
        while monday <= self.last:
            first, last = max(monday, self.first), min(monday + timedelta(days=6), self.last)
            out.append((monday, _count(self.schedule, first, last, by_week.get(monday, {}))))
            monday += timedelta(days=7)
        return out


def _count(schedule: Schedule | None, first: date, last: date, days: PerDay) -> Counted:
    counts = Counted(due_between(schedule, first, last))
    for day, outcomes in days.items():
        counts += counted_on(due_on(schedule, day), outcomes)
    return counts


def counted_on(due: int, outcomes: dict[str, int]) -> Counted:
    """One day's sessions against what was due: done first, then partly done, capped at due."""
    done = min(outcomes.get(DONE, 0), due)
    partly = min(outcomes.get(PARTLY_DONE, 0), due - done)
    return Counted(0, done, partly)


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
    """Sessions the schedule asks for on ``day``: 0 outside the prescription or its weekdays,
    and 0 always when it has no start (homecare.log.prescriptions fills the start in)."""
    if schedule is None or schedule.start is None or day < schedule.start:
        return 0
    last = schedule.last_day
    if last is not None and day > last:
        return 0
    if schedule.days and WEEKDAYS[day.weekday()] not in schedule.days:
        return 0
    return schedule.times_per_day


def due_between(schedule: Schedule | None, first: date, last: date) -> int:
    """Sessions due from ``first`` to ``last`` inclusive, by arithmetic on whole weeks."""
    if schedule is None or schedule.start is None:
        return 0
    first, last = prescription_period(schedule, first, last)
    if first > last:
        return 0
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    weekdays = {WEEKDAYS.index(d) for d in schedule.days} if schedule.days else set(range(7))
    extra = sum((first.weekday() + n) % 7 in weekdays for n in range(rest))
    return (weeks * len(weekdays) + extra) * schedule.times_per_day


def prescription_period(schedule: Schedule | None, first: date, last: date) -> tuple[date, date]:
    """``first``..``last`` narrowed to the prescription's own start and end, where it has them."""
    if schedule is not None:
        if schedule.start is not None:
            first = max(first, schedule.start)
        if schedule.last_day is not None:
            last = min(last, schedule.last_day)
    return first, last


def streaks(schedule: Schedule | None, per_day: PerDay, last: date, today: date) -> tuple[int, int]:
    """(current, longest) runs of prescribed days with every due session done, up to ``last``.

    Days with nothing due neither extend nor break a run; today, while unfinished, does not
    break one either. Only days with sessions are looked at; the due days between two of them
    are counted, not walked.
    """
    met = sorted(
        day
        for day, outcomes in per_day.items()
        if day <= last and 0 < due_on(schedule, day) <= outcomes.get(DONE, 0)
    )
    run = longest = 0
    previous: date | None = None
    for day in met:
        unbroken = (
            previous is not None
            and due_between(schedule, previous + timedelta(days=1), day - timedelta(days=1)) == 0
        )
        run = run + 1 if unbroken else 1
        longest = max(longest, run)
        previous = day
    if previous is None:
        return 0, longest
    since = due_between(schedule, previous + timedelta(days=1), last)
    if previous < today <= last:
        since -= due_on(schedule, today)  # today is not over yet
    return (run if since == 0 else 0), longest


def adherence(
    store: LogStore,
    routine_id: str,
    schedule: Schedule | None,
    first: date,
    last: date,
    today: date | None = None,
    leave_out: frozenset[str] = frozenset(),
) -> Adherence:
    """Adherence of one routine from ``first`` to ``last`` (local days, inclusive), not counting
    sessions of the routine versions (content hashes) in ``leave_out``."""
    first, last = prescription_period(schedule, first, last)
    per_day = store.outcomes_per_day(first, last, routine_id, leave_out).get(routine_id, {})
    current, longest = streaks(schedule, per_day, last, today or last)
    return Adherence(routine_id, schedule, first, last, per_day, current, longest)


def due_today(store: LogStore, routine_id: str, schedule: Schedule | None, today: date) -> DueToday:
    outcomes = store.outcomes_per_day(today, today, routine_id).get(routine_id, {})
    last = store.last_done(routine_id)
    done = outcomes.get(today, {}).get(DONE, 0)
    return DueToday(due_on(schedule, today), done, last.started if last else None)


def each_day(first: date, last: date) -> Iterator[date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield date.fromordinal(ordinal)
