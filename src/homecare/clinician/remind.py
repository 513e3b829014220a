"""Calendar reminders (iCalendar, RFC 5545) from a routine's schedule, written by ``icalendar``.

One recurring event per session of the day: ``times_per_day = 2`` gives a morning and an
evening event, each repeating daily (or weekly on the prescribed ``days``) until the
prescription's last day, with an alarm at its start. A staged routine has such events for each
stage, from its first day to its last, in its own rhythm. Times are floating local times, so the
reminder rings at 09:00 wherever the patient's calendar is. UIDs derive from the routine id
and the session number, so importing an updated file replaces the events instead of doubling
them.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from homecare import __version__
from homecare.base.days import LAST_DAY, add_days
from homecare.base.durations import duration_words
from homecare.routine import words
from homecare.routine.model import WEEKDAYS, Routine, Schedule
from homecare.routine.stages import length_words, stage_routine, stage_spans
from homecare.session.plan import compile_plan

PRODID = f"-//homecare//homecare {__version__}//EN"
FIRST_SESSION = time(9, 0)
LAST_SESSION = time(20, 0)


def default_times(times_per_day: int) -> tuple[time, ...]:
    """Session times spread evenly from 09:00 to 20:00 (one session: 09:00), on the minute."""
    if times_per_day == 1:
        return (FIRST_SESSION,)
    first = FIRST_SESSION.hour * 60 + FIRST_SESSION.minute
    span = LAST_SESSION.hour * 60 + LAST_SESSION.minute - first
    minutes = [first + round(span * k / (times_per_day - 1)) for k in range(times_per_day)]
    return tuple(time(m // 60, m % 60) for m in minutes)


def parse_times(text: str) -> tuple[time, ...]:
    """``"8:00,20:30"`` -> two times; ValueError with a plain message otherwise."""
    result = []
    for part in text.split(","):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", part.strip())
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(f"{part.strip()!r} is not a time of day like 08:30")
        result.append(time(int(match[1]), int(match[2])))
    if len(set(result)) != len(result):
        raise ValueError("each time of day may appear only once")
    return tuple(sorted(result))


def first_day(schedule: Schedule, today: date) -> date:
    """The first prescribed day: ``start`` (or today), moved to the first listed weekday.

    ``ValueError`` when that weekday would fall after the last day a date can be.
    """
    day = schedule.start or today
    if not schedule.days:
        return day
    wanted = {WEEKDAYS.index(d) for d in schedule.days}
    for later in (add_days(day, offset) for offset in range(7)):
        if later.weekday() in wanted:
            return later
    raise ValueError(f"no prescribed weekday falls between {day} and {LAST_DAY}")


@dataclass(frozen=True)
class _Series:
    """Sessions of one rhythm over a run of days: the whole routine, or one of its stages."""

    routine: Routine  # what runs on these days (a stage's own routine for a staged one)
    schedule: Schedule
    first_day: date  # the first prescribed day
    last_day: date | None
    uid: str  # the stem of its events' identifiers
    heading: str = ""  # a stage's "Stage 1 of 2: Settle the spasm (2 weeks)"


def _all_series(routine: Routine, today: date) -> list[_Series]:
    """One series for a routine, one per stage for a staged routine: each stage has its own
    steps and may have its own rhythm (``[stages.schedule]``), from its first day to its last.
    The stages count from the start as the log does (``start``, else ``issued``, else today)."""
    schedule = routine.schedule or Schedule()
    if not routine.stages:
        last_day = replace(schedule, start=schedule.start or today).last_day
        series = _Series(
            routine, schedule, first_day(schedule, today), last_day, _uid_base(routine)
        )
        if last_day is not None and last_day < series.first_day:
            raise ValueError("no prescribed day falls between the schedule's start and end")
        return [series]
    found = []
    spans = stage_spans(routine, schedule.start or routine.issued or today)
    for span in spans:
        part = stage_routine(routine, span.number)
        stage_rhythm = part.schedule or schedule  # its dates are the stage's, not these
        rhythm = Schedule(times_per_day=stage_rhythm.times_per_day, days=stage_rhythm.days)
        assert span.first_day is not None  # the start is known
        try:
            day = first_day(replace(rhythm, start=span.first_day), today)
        except ValueError:
            continue  # no prescribed weekday left before the last day a date can be
        if span.last_day is not None and day > span.last_day:
            continue  # the schedule ends before this stage, or it has none of its weekdays
        heading = f"Stage {span.number} of {len(spans)}: {span.name} ({length_words(span.stage)})"
        uid = f"{_uid_base(routine)}-stage-{span.number}"
        found.append(_Series(part, rhythm, day, span.last_day, uid, heading))
    if not found:
        raise ValueError("no prescribed day falls in any stage")
    return found


def calendar(
    routine: Routine,
    *,
    today: date,
    now: datetime,
    at: tuple[time, ...] | None = None,
) -> Calendar:
    """The reminders as an ``icalendar.Calendar``.

    ``today`` starts a schedule without a ``start`` date; ``now`` (UTC) is the DTSTAMP; ``at``
    overrides the times of day and must then have one time per session (for a staged routine,
    per session of its busiest stage: a stage with fewer sessions takes the first times).
    """
    all_series = _all_series(routine, today)
    most = max(series.schedule.times_per_day for series in all_series)
    if at is not None and len(at) != most:
        raise ValueError(
            f"the routine has {most} session(s) a day but {len(at)} time(s) were given"
        )
    cal = Calendar.new(prodid=PRODID, name=routine.title, uid=f"{_uid_base(routine)}@homecare")
    for series in all_series:
        sessions = series.schedule.times_per_day
        times = at[:sessions] if at else default_times(sessions)
        total_seconds = compile_plan(series.routine).total_seconds
        length = timedelta(minutes=max(1, math.ceil(total_seconds / 60)))
        start_day = series.first_day
        if datetime.combine(start_day, max(times)) > datetime.combine(LAST_DAY, time.max) - length:
            raise ValueError(f"the first session would end after {LAST_DAY}, the last day there is")
        description = _description(series, total_seconds)
        for number, at_time in enumerate(times, start=1):
            event = Event.new(
                uid=f"{series.uid}-session-{number}@homecare",
                summary=routine.title,
                description=description,
                start=datetime.combine(start_day, at_time),
                end=datetime.combine(start_day, at_time) + length,
                stamp=now.astimezone(timezone.utc),
            )
            event.add("rrule", _rrule(series.schedule, series.last_day))
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Time for your routine: {routine.title}")
            alarm.add("trigger", timedelta(0))
            event.add_component(alarm)
            cal.add_component(event)
    return cal


def _uid_base(routine: Routine) -> str:
    """The routine id (a slug), or a digest of the title for a routine that has none."""
    return routine.id or "routine-" + hashlib.sha256(routine.title.encode("utf-8")).hexdigest()[:16]


def _rrule(schedule: Schedule, last_day: date | None) -> dict[str, object]:
    rule: dict[str, object] = {"freq": "daily"}
    if schedule.days:
        rule = {"freq": "weekly", "byday": [d[:2].upper() for d in schedule.days]}
    if last_day is not None:
        # Floating DTSTART needs a floating UNTIL (RFC 5545, 3.3.10); the whole last day counts.
        rule["until"] = datetime.combine(last_day, time(23, 59, 59))
    return rule


def _description(series: _Series, total_seconds: float) -> str:
    routine = series.routine
    lines = [series.heading]  # a staged routine's stage: homecare runs it on these days
    lines.append(f"{words.schedule(series.schedule)} About {duration_words(total_seconds)}.")
    lines += [f"{i}. {s.display_name}" for i, s in enumerate(routine.steps, start=1)]
    lines.append(f"Start it with: homecare run {routine.id}" if routine.id else "")
    if routine.contact:
        lines.append(f"Contact: {routine.contact}")
    return "\n".join(line for line in lines if line)


def to_ics(
    routine: Routine, *, today: date, now: datetime, at: tuple[time, ...] | None = None
) -> bytes:
    """The .ics file's bytes (CRLF line ends, folded at 75 octets by ``icalendar``)."""
    return calendar(routine, today=today, now=now, at=at).to_ical()
