"""Calendar reminders (iCalendar, RFC 5545) from a routine's schedule, written by ``icalendar``.

One recurring event per session of the day: ``times_per_day = 2`` gives a morning and an
evening event, each repeating daily (or weekly on the prescribed ``days``) until the
prescription's last day, with an alarm at its start. Times are floating local times, so the
reminder rings at 09:00 wherever the patient's calendar is. UIDs derive from the routine id
and the session number, so importing an updated file replaces the events instead of doubling
them.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from homecare import __version__
from homecare.base.days import LAST_DAY, add_days
from homecare.base.durations import duration_words
from homecare.routine import words
from homecare.routine.model import WEEKDAYS, Routine, Schedule
from homecare.routine.stages import length_words, stage_routine
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


def calendar(
    routine: Routine,
    *,
    today: date,
    now: datetime,
    at: tuple[time, ...] | None = None,
) -> Calendar:
    """The reminders as an ``icalendar.Calendar``.

    ``today`` starts a schedule without a ``start`` date; ``now`` (UTC) is the DTSTAMP; ``at``
    overrides the times of day and must then have one time per session.
    """
    schedule = routine.schedule or Schedule()
    at = at or default_times(schedule.times_per_day)
    if len(at) != schedule.times_per_day:
        raise ValueError(
            f"the routine has {schedule.times_per_day} session(s) a day but "
            f"{len(at)} time(s) were given"
        )
    start_day = first_day(schedule, today)
    last_day = replace(schedule, start=schedule.start or today).last_day
    if last_day is not None and last_day < start_day:
        raise ValueError("no prescribed day falls between the schedule's start and end")
    # A staged routine's sessions change from stage to stage: the longest one is reserved.
    parts = [stage_routine(routine, n) for n in range(1, len(routine.stages) + 1)] or [routine]
    total_seconds = max(compile_plan(part).total_seconds for part in parts)
    length = timedelta(minutes=max(1, math.ceil(total_seconds / 60)))
    description = _description(routine, total_seconds)
    cal = Calendar.new(prodid=PRODID, name=routine.title, uid=f"{_uid_base(routine)}@homecare")
    if datetime.combine(start_day, max(at)) > datetime.combine(LAST_DAY, time.max) - length:
        raise ValueError(f"the first session would end after {LAST_DAY}, the last day there is")
    for number, at_time in enumerate(at, start=1):
        event = Event.new(
            uid=f"{_uid_base(routine)}-session-{number}@homecare",
            summary=routine.title,
            description=description,
            start=datetime.combine(start_day, at_time),
            end=datetime.combine(start_day, at_time) + length,
            stamp=now.astimezone(timezone.utc),
        )
        event.add("rrule", _rrule(schedule, last_day))
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


def _description(routine: Routine, total_seconds: float) -> str:
    lines = [f"{words.schedule(routine.schedule)} About {duration_words(total_seconds)}."]
    lines += [f"{i}. {s.display_name}" for i, s in enumerate(routine.steps, start=1)]
    lines += [  # a staged routine: homecare says which stage runs on the day
        f"Stage {n}: {stage.name} ({length_words(stage)})"
        for n, stage in enumerate(routine.stages, start=1)
    ]
    lines.append(f"Start it with: homecare run {routine.id}" if routine.id else "")
    if routine.contact:
        lines.append(f"Contact: {routine.contact}")
    return "\n".join(line for line in lines if line)


def to_ics(
    routine: Routine, *, today: date, now: datetime, at: tuple[time, ...] | None = None
) -> bytes:
    """The .ics file's bytes (CRLF line ends, folded at 75 octets by ``icalendar``)."""
    return calendar(routine, today=today, now=now, at=at).to_ical()
