"""What the History screen shows, computed without Textual: a calendar of recent weeks with
adherence across all routines, and the latest sessions. A few indexed queries over the weeks
shown and the latest sessions only, so it is ready at once with 100,000 sessions in the log."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from homecare.log.adherence import DayAdherence, counted_on, due_on, each_day
from homecare.log.outcome import DONE
from homecare.log.prescriptions import EXAMPLE, Prescriptions, prescriptions
from homecare.log.stage_today import due_by_stage
from homecare.log.store import LogStore, Session
from homecare.routine.model import RoutineFile

CALENDAR_WEEKS = 6
RECENT_SESSIONS = 50  # the table and the pain trend; `homecare history` and the report show all


@dataclass(frozen=True)
class Overview:
    weeks: tuple[tuple[DayAdherence, ...], ...]  # Monday to Sunday, oldest week first
    today: date
    recent: tuple[Session, ...]  # newest first, with their steps
    total: int  # sessions in the whole log
    example_hashes: frozenset[str] = frozenset()  # routine versions that are bundled examples

    def is_example(self, session: Session) -> bool:
        return session.content_hash in self.example_hashes

    @property
    def pain_before(self) -> list[int]:
        """Pain before of the recent sessions that have one, oldest first."""
        return [s.pain_before for s in reversed(self.recent) if s.pain_before is not None]

    @property
    def pain_after(self) -> list[int]:
        return [s.pain_after for s in reversed(self.recent) if s.pain_after is not None]


def day_symbol(day: DayAdherence) -> str:
    """The mark for a day, so adherence never depends on colour alone."""
    if day.due == 0:
        return "·"
    if day.met:
        return "✓"
    return "◐" if day.done else "✗"


def calendar(
    store: LogStore,
    today: date,
    known: Prescriptions,
    weeks: int = CALENDAR_WEEKS,
    staged: Mapping[str, Callable[[date], int]] | None = None,
) -> tuple[tuple[DayAdherence, ...], ...]:
    """``weeks`` calendar weeks ending with this one: due and done summed over all routines.

    Done counts only towards what was due (as in adherence); on a day with nothing due it is
    the number of sessions done anyway. Examples are never due and their sessions not counted.
    ``staged`` gives, by routine id, what is due on a day of a routine with stages (by the
    stage of that day, homecare.log.stage_today.due_by_stage).
    """
    staged = staged or {}
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    last = first + timedelta(days=7 * weeks - 1)
    per_day = store.outcomes_per_day(first, today, leave_out=known.example_hashes)
    schedules = {p.routine_id: p.schedule for p in known.prescribed()}
    days = []
    for day in each_day(first, last):
        due = counted = extra = 0
        for routine_id in schedules.keys() | per_day.keys():
            if routine_id in staged:
                routine_due = staged[routine_id](day)
            else:
                routine_due = due_on(schedules.get(routine_id), day)
            outcomes = per_day.get(routine_id, {}).get(day, {})
            due += routine_due
            counted += counted_on(routine_due, outcomes).done
            extra += outcomes.get(DONE, 0) if routine_due == 0 else 0
        days.append(DayAdherence(day, due, counted if due else extra))
    return tuple(tuple(days[n : n + 7]) for n in range(0, len(days), 7))


def overview(
    store: LogStore,
    today: date,
    recent: int = RECENT_SESSIONS,
    library: Iterable[RoutineFile] = (),
) -> Overview:
    """The History screen's data; ``library`` (the patient's routines and the examples) makes a
    routine due from its import before its first session, and tells examples apart."""
    library = list(library)
    known = prescriptions(store, library)
    staged = {
        f.routine.id: due_by_stage(store, f)
        for f in library
        if f.routine.stages and f.origin != EXAMPLE  # examples are never due
    }
    return Overview(
        weeks=calendar(store, today, known, staged=staged),
        today=today,
        recent=tuple(store.sessions(limit=recent, with_steps=True)),
        total=store.count(),
        example_hashes=known.example_hashes,
    )
