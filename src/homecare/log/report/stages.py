"""A staged routine's adherence, stage by stage, for the clinician's report.

Each stage is counted on its own days (from the prescription's start, as
homecare.log.stage_today decides it) against its own schedule (its sessions per day and
weekdays, else the routine's), within the report's period. The stages need the routine file:
they are counted for routines in the patient's library; a routine known only to the log keeps
the stage of each session (the sessions table and the CSV and JSON say it) but has no grouping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from homecare.log.adherence import Adherence, Counted, adherence
from homecare.log.stage_today import prescription_start, schedule_of_stage
from homecare.log.store import LogStore, Session
from homecare.routine.model import RoutineFile
from homecare.routine.stages import stage_spans


@dataclass(frozen=True)
class StageSummary:
    """One stage in the period: ``first`` and ``last`` are its days there (None when none of
    its days is in the period, or the prescription's start is not known yet)."""

    number: int
    name: str
    first: date | None
    last: date | None
    adherence: Adherence | None  # None: nothing could be due (no days, no schedule, example)
    sessions: int  # sessions in the period that ran this stage

    @property
    def counted(self) -> Counted:
        return self.adherence.counted if self.adherence else Counted()

    @property
    def days_words(self) -> str:
        if self.first is None or self.last is None:
            return "not in this period"
        return f"{self.first} to {self.last}"


def stage_summaries(
    store: LogStore,
    routine_file: RoutineFile,
    since: date,
    last_due: date,
    today: date,
    leave_out: frozenset[str],
    sessions: list[Session],
) -> tuple[StageSummary, ...]:
    """Every stage of ``routine_file`` with its adherence from ``since`` to ``last_due`` (the
    days after ``last_due`` are in the period but not due yet) and its sessions there."""
    routine = routine_file.whole_routine
    summaries = []
    for span in stage_spans(routine, prescription_start(store, routine_file)):
        first = max(since, span.first_day) if span.first_day else None
        last = min(last_due, span.last_day or last_due) if span.first_day else None
        if first is not None and last is not None and first > last:
            first = last = None
        schedule = schedule_of_stage(store, routine_file, span)
        counted = None
        if first is not None and last is not None and schedule is not None:
            counted = adherence(store, routine.id, schedule, first, last, today, leave_out)
        ran = sum(1 for session in sessions if session.stage == span.number)
        summaries.append(StageSummary(span.number, span.name, first, last, counted, ran))
    return tuple(summaries)
