"""The clinician's report: a summary to read in 30 seconds (each prescribed routine done,
partly done and not done against what was due; the pain trend), flags, then every session.

``build_report`` gathers everything from the log for a period (indexed queries on the sessions
in range only, so a year in a log of 100,000 sessions takes milliseconds, and a period from year
1 to 9999 no longer than a week); ``render`` turns it into Markdown, HTML (inline SVG chart, no
script), CSV or JSON. The routines come from the library and from the log's own record of each
routine version used, so a report can be written after a routine file is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from homecare.base.durations import duration_words
from homecare.log.adherence import Adherence, Counted, adherence
from homecare.log.feedback import ExerciseFeedback, painful_in_a_row, per_exercise
from homecare.log.listing import pain, step_line
from homecare.log.outcome import OUTCOMES, STEP_EXCUSED, WORDS
from homecare.log.prescriptions import Prescription, prescriptions
from homecare.log.psfs import change_words, courses
from homecare.log.report.stages import StageSummary, stage_summaries
from homecare.log.store import LogStore, Session
from homecare.routine.model import RoutineFile
from homecare.routine.words import schedule as schedule_words
from homecare.session.safety import PAIN_HIGH, PAIN_RISE

# Each kind of flag (as JSON names it) in words, in the order they are listed within a session.
FLAG_WORDS = {
    "pain_high": "pain high",
    "pain_rise": "pain rose",
    "safety_override": "went on after a safety caution",
    "safety_excused": "excused by the safety check",
    "stopped": "stopped",
    "interrupted": "interrupted",
    "note": "note",
    "painful_again": "painful twice in a row",
}


@dataclass(frozen=True)
class RoutineSummary:
    prescription: Prescription
    adherence: Adherence | None  # None: never due in the period (no schedule, an example)
    outcomes: dict[str, int]  # sessions in the period by outcome (done, partly_done, not_done)
    statuses: dict[str, int]  # sessions in the period by status
    # A staged routine's stages (homecare.log.report.stages): what was due is theirs.
    stages: tuple[StageSummary, ...] = ()

    @property
    def version(self):
        return self.prescription.version

    @property
    def scheduled(self) -> bool:
        """Something could be due: the routine, or one of its stages, has a schedule."""
        return self.adherence is not None or any(s.adherence for s in self.stages)

    @property
    def counted(self) -> Counted:
        """Due sessions: done, partly done and not done (zeros when nothing was due)."""
        if self.stages:
            return sum((stage.counted for stage in self.stages), Counted())
        return self.adherence.counted if self.adherence else Counted()

    @property
    def weeks(self) -> list[tuple[date, Counted]]:
        if not self.stages:
            return self.adherence.weeks() if self.adherence else []
        merged: dict[date, Counted] = {}  # a week across two stages counts both
        for stage in self.stages:
            for monday, counted in stage.adherence.weeks() if stage.adherence else []:
                merged[monday] = merged.get(monday, Counted()) + counted
        return sorted(merged.items())


@dataclass(frozen=True)
class Flag:
    """Something a clinician should see: ``kind`` is a key of FLAG_WORDS."""

    kind: str
    session: Session
    text: str

    @property
    def local_day(self) -> date:
        return self.session.local_day


@dataclass(frozen=True)
class PainDay:
    """Mean pain ratings of one local day (None when none was given)."""

    day: date
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Report:
    since: date
    until: date
    generated: datetime
    patient: str
    routines: tuple[RoutineSummary, ...]
    sessions: tuple[Session, ...]  # oldest first, with their steps
    routine_id: str | None = None  # the report is about this routine only
    example_hashes: frozenset[str] = field(default=frozenset(), repr=False)

    def is_example(self, session: Session) -> bool:
        return session.content_hash in self.example_hashes

    @property
    def pain_days(self) -> list[PainDay]:
        """Mean pain ratings per local day, for days with any rating."""
        return _pain_means(self.sessions, lambda day: day)

    @property
    def pain_weeks(self) -> list[PainDay]:
        """Mean pain ratings per calendar week, dated by its Monday."""
        return _pain_means(self.sessions, lambda day: day - timedelta(days=day.weekday()))

    @property
    def flags(self) -> list[Flag]:
        """Every flag, newest session first."""
        again = _painful_again(self.sessions)
        return [
            flag
            for session in reversed(self.sessions)
            for flag in (*flags_of(session), *again.get(id(session), ()))
        ]

    @property
    def exercise_feedback(self) -> list[ExerciseFeedback]:
        """Each exercise the patient rated in the period (homecare.log.feedback)."""
        return per_exercise(self.sessions)


def _painful_again(sessions: Iterable[Session]) -> dict[int, list[Flag]]:
    """The "painful twice in a row" flags (homecare.log.feedback), by session (its ``id()``):
    unlike the other flags, they need the sessions before."""
    found: dict[int, list[Flag]] = {}
    for again in painful_in_a_row(sessions):
        flag = Flag("painful_again", again.session, again.text)
        found.setdefault(id(again.session), []).append(flag)
    return found


def flags_of(session: Session) -> list[Flag]:
    """The session's flags: pain by the app's alert rule (homecare.session.safety), going on after a
    safety caution, steps the safety check excused, a stop or interruption, and the note."""
    found = []
    before, after = session.pain_before, session.pain_after
    if after is not None and after >= PAIN_HIGH:
        text = f"pain after {after} of 10 (the alert is at {PAIN_HIGH} or more)"
        found.append(Flag("pain_high", session, text))
    if after is not None and before is not None and after - before >= PAIN_RISE:
        found.append(Flag("pain_rise", session, f"pain rose from {before} to {after}"))
    if session.safety_override:
        found.append(Flag("safety_override", session, session.safety_override))
    for step in session.steps:
        if step.outcome == STEP_EXCUSED:
            found.append(Flag("safety_excused", session, f"{step.name}: {step.reason}"))
    steps = f"after {session.steps_done} of {session.steps_total} steps"
    if session.status == "stopped":
        reason = session.stop_reason if session.stop_reason != "stopped" else ""
        text = f"stopped {steps}" + (f": {reason}" if reason else "")
        found.append(Flag("stopped", session, text))
    elif session.status == "interrupted":
        found.append(
            Flag("interrupted", session, f"interrupted {steps} (homecare closed before the end)")
        )
    if session.note.strip():
        found.append(Flag("note", session, session.note))
    return found


def _pain_means(sessions: Iterable[Session], period_of: Callable[[date], date]) -> list[PainDay]:
    """Mean pain before and after per period (``period_of(local day)``), oldest first."""
    by_period: dict[date, tuple[list[int], list[int]]] = {}
    for session in sessions:
        before, after = by_period.setdefault(period_of(session.local_day), ([], []))
        if session.pain_before is not None:
            before.append(session.pain_before)
        if session.pain_after is not None:
            after.append(session.pain_after)
    return [
        PainDay(day, sum(b) / len(b) if b else None, sum(a) / len(a) if a else None)
        for day, (b, a) in sorted(by_period.items())
        if b or a
    ]


def when(session: Session) -> str:
    """The session's start as the patient's clock showed it."""
    return session.started.strftime("%Y-%m-%d %H:%M")


def status_counts(statuses: dict[str, int]) -> str:
    return ", ".join(f"{count} {status}" for status, count in sorted(statuses.items())) or "none"


def rating(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


Table = tuple[list[str], list[list[str]]]  # headings, rows of text


def sessions_words(report: Report) -> str:
    count = len(report.sessions)
    return f"{count} session" + ("" if count == 1 else "s")


def counted_words(counted: Counted) -> str:
    """E.g. "5 done, 1 partly done, 2 not done of 8 due (62%)"."""
    if not counted.due:
        return "none due"
    return (
        f"{counted.done} done, {counted.partly_done} partly done, {counted.not_done} not done "
        f"of {counted.due} due ({round(100 * counted.done / counted.due)}%)"
    )


def summary_lines(report: Report) -> list[str]:
    """The 30-second summary: each routine against what was due, then the pain trend."""
    lines = []
    for summary in report.routines:
        title = summary.version.title
        if summary.prescription.example:
            lines.append(
                f"{title} (an example, not a prescription): {_session_words(summary.outcomes)}"
            )
        elif not summary.scheduled:
            lines.append(f"{title} (no schedule): {_session_words(summary.outcomes)}")
        else:
            lines.append(f"{title}: {counted_words(summary.counted)}")
        lines += [
            f"{title}, stage {stage.number} ({stage.name}, {stage.days_words}): "
            f"{counted_words(stage.counted)}"
            for stage in summary.stages
            if not summary.prescription.example
        ]
    if not lines:
        lines.append("No routine was prescribed or done in this period.")
    lines.append(pain_trend(report))
    lines += [f"{course.title}: {change_words(course)}" for course in courses(report.sessions)]
    signals = [f"{e.name} ({e.words})" for e in report.exercise_feedback if e.painful or e.hard]
    if signals:
        lines.append(f"Rated painful or hard: {'; '.join(signals)}.")
    return lines


def _session_words(outcomes: dict[str, int]) -> str:
    words = [f"{outcomes[o]} {WORDS[o]}" for o in OUTCOMES if outcomes.get(o)]
    return (", ".join(words) or "no sessions") + ", nothing due"


def pain_trend(report: Report) -> str:
    """Mean pain in the first week with ratings against the last."""
    weeks = report.pain_weeks
    if not weeks:
        return "Pain: no ratings in this period."
    first, last = weeks[0], weeks[-1]
    if first is last:
        return (
            f"Pain (one week of ratings, from {first.day}): before {rating(first.before)}, "
            f"after {rating(first.after)}."
        )
    return (
        f"Pain, first week (from {first.day}) against last week (from {last.day}): "
        f"before {rating(first.before)} -> {rating(last.before)}, "
        f"after {rating(first.after)} -> {rating(last.after)}."
    )


def flags_table(report: Report) -> Table:
    rows = [[when(f.session), f.session.title, FLAG_WORDS[f.kind], f.text] for f in report.flags]
    return ["When", "Routine", "Flag", "What"], rows


def feedback_table(report: Report) -> Table:
    """One row per exercise the patient rated: how often painful, hard, about right, easy."""
    rows = [
        [
            e.routine_title,
            e.name,
            *(str(e.counts.get(value, 0)) for value in ("painful", "hard", "right", "easy")),
            str(e.rated),
        ]
        for e in report.exercise_feedback
    ]
    return ["Routine", "Exercise", "Painful", "Hard", "About right", "Easy", "Ratings"], rows


def sessions_table(report: Report) -> Table:
    """One row per session, oldest first: what was done, of how many steps, pain, time."""
    rows = []
    for s in report.sessions:
        outcome = WORDS.get(s.outcome, s.outcome) + (" (example)" if report.is_example(s) else "")
        rows.append(
            [
                when(s),
                s.title + (f", stage {s.stage}: {s.stage_name}" if s.stage is not None else ""),
                outcome,
                s.status,
                f"{s.steps_done} of {s.steps_total}",
                pain(s),
                duration_words(s.active_seconds),
                "\n".join(step_line(step) for step in s.skipped) or "–",
            ]
        )
    return ["When", "Routine", "Done?", "Status", "Steps done", "Pain", "Active", "Not done"], rows


def routines_table(report: Report) -> Table:
    rows = []
    for summary in report.routines:
        version, result = summary.version, summary.adherence
        schedule = summary.prescription.schedule
        rows.append(
            [
                version.title,
                version.prescribed_by or "–",
                schedule_words(schedule)
                if schedule
                else "example"
                if summary.prescription.example
                else "no schedule",
                f"{schedule.start} to {schedule.last_day or 'open end'}"
                if schedule and schedule.start
                else "–",
                f"{result.current_streak} / {result.longest_streak} days" if result else "–",
                status_counts(summary.statuses),
            ]
        )
    headings = [
        "Routine",
        "Prescribed by",
        "Schedule",
        "Prescribed from",
        "Streak now / best",
        "Sessions",
    ]
    return headings, rows


def weekly_table(report: Report) -> Table:
    """One row per week, one column per scheduled routine: done (and partly done) of due."""
    scheduled = [r for r in report.routines if r.scheduled]
    by_routine = [dict(r.weeks) for r in scheduled]
    weeks = sorted({monday for weeks in by_routine for monday in weeks})
    rows = []
    for monday in weeks:
        row = [monday.isoformat()]
        for weeks_of in by_routine:
            counted = weeks_of.get(monday, Counted())
            row.append(counted_words(counted))
        rows.append(row)
    return ["Week from"] + [r.version.title for r in scheduled], rows


def pain_table(report: Report) -> Table:
    rows = [[w.day.isoformat(), rating(w.before), rating(w.after)] for w in report.pain_weeks]
    return ["Week from", "Mean before", "Mean after"], rows


def build_report(
    store: LogStore,
    since: date,
    until: date,
    generated: datetime,
    *,
    library: Iterable[RoutineFile] = (),
    routine_id: str | None = None,
    include_examples: bool = False,
) -> Report:
    """The report from ``since`` to ``until``: ``library`` (the patient's routines and the
    examples) makes routines due from their import and tells examples apart; examples are left
    out unless ``include_examples``. Nothing is due after the day the report is written.

    The work is a query over the sessions in range and arithmetic on each prescription's
    weeks: it does not grow with the days of the period.
    """
    library = list(library)
    known = prescriptions(store, library)
    staged_files = {f.routine.id: f for f in library if f.routine.stages}
    leave_out = frozenset() if include_examples else known.example_hashes
    found = store.sessions(since, routine_id, until=until, with_steps=True)
    sessions = tuple(s for s in reversed(found) if s.content_hash not in leave_out)
    last_due = min(until, generated.date())
    summaries = []
    for prescription in known.by_id.values():
        if routine_id is not None and prescription.routine_id != routine_id:
            continue
        if prescription.example and not include_examples:
            continue
        mine = [s for s in sessions if s.routine_id == prescription.routine_id]
        result = None
        if prescription.schedule is not None:
            result = adherence(
                store,
                prescription.routine_id,
                prescription.schedule,
                since,
                last_due,
                generated.date(),
                known.example_hashes,
            )
        staged: tuple[StageSummary, ...] = ()
        if prescription.routine_id in staged_files:
            staged = stage_summaries(
                store,
                staged_files[prescription.routine_id],
                since,
                last_due,
                generated.date(),
                known.example_hashes,
                mine,
            )
        if not mine and not (result and result.due) and not any(s.counted.due for s in staged):
            continue
        summaries.append(
            RoutineSummary(
                prescription, result, _count(mine, "outcome"), _count(mine, "status"), staged
            )
        )
    patients = [r.version.patient for r in summaries if r.version.patient]
    patient = patients[-1] if patients else ""
    return Report(
        since,
        until,
        generated,
        patient,
        tuple(summaries),
        sessions,
        routine_id,
        known.example_hashes,
    )


def _count(sessions: list[Session], attribute: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for session in sessions:
        value = getattr(session, attribute)
        counts[value] = counts.get(value, 0) + 1
    return counts
