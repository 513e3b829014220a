"""Generated logs for the benchmarks: many plausible sessions, written fast.

``fill_log(store, 100_000)`` writes 100,000 sessions in one transaction (a few seconds), spread
over past days ending at ``end``, several per day across a few routines, with pain ratings,
notes and the occasional skipped step, so every query path sees realistic data. The PIR routine
follows a prescription through as routine format 3 allows: it runs in two stages (a new one
every 28 days), its steps are rated (easy, right, hard or painful, now and then not answered,
so the report finds "painful twice in a row" flags) and it takes the PSFS once a week.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from homecare import __version__
from homecare.log.outcome import judge
from homecare.log.store import LogStore, PsfsRating, RoutineVersion, Session, StepOutcome
from homecare.routine.model import Schedule

LIBRARY = "library"  # imported, as today's recorder records it (a log before version 3 has none)
ROUTINES = (
    RoutineVersion(
        "synthetic-pir",
        "pir-lower-back",
        "Lower back PIR",
        "Dr. Example",
        "Pat",
        "clinic 555-0100",
        Schedule(times_per_day=2),
        origin=LIBRARY,
    ),
    RoutineVersion(
        "synthetic-ice",
        "ice-lower-back",
        "Ice, lower back",
        "Dr. Example",
        "Pat",
        "clinic 555-0100",
        Schedule(times_per_day=3),
        origin=LIBRARY,
    ),
    RoutineVersion(
        "synthetic-stretch",
        "back-stretch",
        "Back stretches",
        "Dr. Example",
        "Pat",
        "clinic 555-0100",
        Schedule(times_per_day=1, days=("mon", "wed", "fri")),
        origin=LIBRARY,
    ),
)
STEPS_PER_SESSION = 4
SKIP_REASONS = ("safety check: body feels cold", "skipped by the patient", "too painful today")
FEEDBACK = (None, "easy", "right", "right", "hard", "painful")
PSFS_ACTIVITIES = ("Putting on socks", "Sitting for 30 minutes", "Getting out of bed")


def generate_sessions(
    count: int,
    end: date,
    *,
    per_day: int = 6,
    zone: tzinfo = timezone.utc,
    seed: int = 5,
) -> list[Session]:
    """``count`` finished sessions, ``per_day`` a day, the last on ``end`` (local days in zone)."""
    rng = random.Random(seed)
    sessions = []
    for number in range(count):
        day = end - timedelta(days=number // per_day)
        slot = number % per_day
        started = datetime.combine(day, time(7 + slot * 2, rng.randrange(60)), zone)
        routine = ROUTINES[number % len(ROUTINES)]
        steps = []
        for index in range(STEPS_PER_SESSION):
            name = f"Step {index + 1}"
            if rng.random() < 0.05:
                reason = rng.choice(SKIP_REASONS)
                kind = "excused" if reason.startswith("safety check") else "skipped"
                steps.append(StepOutcome(index, name, kind, reason))
            else:
                rated = rng.choice(FEEDBACK) if routine is ROUTINES[0] else None
                steps.append(StepOutcome(index, name, "done", feedback=rated))
        follows_through = routine is ROUTINES[0]
        week = (end - day).days // 7
        psfs = ()
        if follows_through and slot == 0 and (end - day).days % 7 == 0:
            psfs = tuple(
                PsfsRating(i, name, min(10, max(0, 8 - week // 4 + rng.randrange(-1, 2))))
                for i, name in enumerate(PSFS_ACTIVITIES)
            )
        status = rng.choices(("completed", "stopped", "interrupted"), (90, 7, 3))[0]
        pain = rng.randrange(3, 9)
        sessions.append(
            Session(
                routine_id=routine.routine_id,
                title=routine.title,
                content_hash=routine.content_hash,
                started=started,
                ended=started + timedelta(minutes=12),
                status=status,
                planned_seconds=720.0,
                active_seconds=700.0,
                steps_total=STEPS_PER_SESSION,
                steps_done=sum(s.outcome == "done" for s in steps),
                steps_skipped=sum(s.outcome == "skipped" for s in steps),
                steps_excused=sum(s.outcome == "excused" for s in steps),
                outcome=judge(STEPS_PER_SESSION, steps),
                pain_before=pain,
                pain_after=max(0, pain - rng.randrange(0, 3)),
                note="felt looser afterwards" if rng.random() < 0.1 else "",
                app_version=__version__,
                steps=tuple(steps),
                stage=1 + week // 4 % 2 if follows_through else None,
                stage_name=("Settle", "Build up")[week // 4 % 2] if follows_through else "",
                psfs=psfs,
            )
        )
    return sessions


def fill_log(store: LogStore, count: int, end: date | None = None, **options) -> None:
    """Append ``count`` generated sessions ending today (or ``end``); see ``generate_sessions``."""
    end = end or date.today()
    store.add_sessions(generate_sessions(count, end, **options), ROUTINES)
