"""The clinician's report: what was prescribed, how much of it was done, pain, skips and notes.

``build_report`` gathers everything from the log for a period (indexed queries on the period
only, so a year in a log of 100,000 sessions takes milliseconds); ``render`` turns it into
Markdown, HTML (inline SVG chart, no script), CSV or JSON. The routines come from the log's own
record of each routine version used, so a report can be written after a routine file is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean

from homecare.routine.words import schedule as schedule_words
from homecare.log.adherence import Adherence, adherence, prescription_period, weekly
from homecare.log.store import LogStore, RoutineVersion, Session
from homecare.base.text import visible

FORMATS = ("md", "html", "csv", "json")


@dataclass(frozen=True)
class RoutineSummary:
    version: RoutineVersion
    adherence: Adherence | None  # None: the routine has no schedule, or none in the period
    statuses: dict[str, int]  # sessions in the period by status

    @property
    def weeks(self) -> list[tuple[date, int, int]]:
        return weekly(self.adherence.days) if self.adherence else []


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

    @property
    def pain_days(self) -> list[PainDay]:
        """Mean pain ratings per local day, for days with any rating."""
        return _pain_means(self.sessions, lambda day: day)

    @property
    def pain_weeks(self) -> list[PainDay]:
        """Mean pain ratings per calendar week, dated by its Monday."""
        return _pain_means(self.sessions, lambda day: day - timedelta(days=day.weekday()))

    @property
    def skipped(self) -> list[tuple[Session, str, str]]:
        """(session, step name, reason) for every skipped step, oldest first."""
        return [(s, step.name, step.reason) for s in self.sessions for step in s.skipped]

    @property
    def notes(self) -> list[Session]:
        return [s for s in self.sessions if s.note.strip()]


def _pain_means(sessions, period_of) -> list[PainDay]:
    """Mean pain before and after per period (``period_of(local day)``), oldest first."""
    by_period: dict[date, tuple[list[int], list[int]]] = {}
    for session in sessions:
        before, after = by_period.setdefault(period_of(session.local_day), ([], []))
        if session.pain_before is not None:
            before.append(session.pain_before)
        if session.pain_after is not None:
            after.append(session.pain_after)
    return [
        PainDay(day, mean(b) if b else None, mean(a) if a else None)
        for day, (b, a) in sorted(by_period.items())
        if b or a
    ]


def shown(text: str) -> str:
    """Text from a routine file or the patient, with control characters (a terminal escape, say)
    made visible as ``\\u001b``; line breaks are kept, tabs become spaces."""
    if text.isprintable():
        return text
    lines = (line.replace("\t", " ") for line in text.split("\n"))
    return "\n".join(visible(line, limit=len(line) + 1) for line in lines)


def when(session: Session) -> str:
    """The session's start as the patient's clock showed it."""
    return session.started.strftime("%Y-%m-%d %H:%M")


def done_of_due(done: int, due: int) -> str:
    return f"{done} of {due} ({round(100 * done / due)}%)" if due else "none due"


def status_counts(statuses: dict[str, int]) -> str:
    return ", ".join(f"{count} {status}" for status, count in sorted(statuses.items())) or "none"


def rating(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


Table = tuple[list[str], list[list[str]]]  # headings, rows of text


def routines_table(report: Report) -> Table:
    rows = []
    for summary in report.routines:
        version, result = summary.version, summary.adherence
        rows.append(
            [
                version.title,
                version.prescribed_by or "–",
                schedule_words(version.schedule) if version.schedule else "no schedule",
                done_of_due(result.done, result.due) if result else "–",
                f"{result.current_streak} / {result.longest_streak} days" if result else "–",
                status_counts(summary.statuses),
            ]
        )
    headings = ["Routine", "Prescribed by", "Schedule", "Done of due", "Streak now / best",
                "Sessions"]  # fmt: skip
    return headings, rows


def weekly_table(report: Report) -> Table:
    """One row per week, one column per scheduled routine: done of due."""
    scheduled = [r for r in report.routines if r.adherence]
    by_routine = [{monday: (due, done) for monday, due, done in r.weeks} for r in scheduled]
    weeks = sorted({monday for weeks in by_routine for monday in weeks})
    rows = []
    for monday in weeks:
        row = [monday.isoformat()]
        for weeks_of in by_routine:
            due, done = weeks_of.get(monday, (0, 0))
            row.append(done_of_due(done, due))
        rows.append(row)
    return ["Week from"] + [r.version.title for r in scheduled], rows


def pain_table(report: Report) -> Table:
    rows = [[w.day.isoformat(), rating(w.before), rating(w.after)] for w in report.pain_weeks]
    return ["Week from", "Mean before", "Mean after"], rows


def skipped_table(report: Report) -> Table:
    rows = [[when(s), s.title, name, reason or "–"] for s, name, reason in report.skipped]
    return ["When", "Routine", "Step", "Reason"], rows


def notes_table(report: Report) -> Table:
    return ["When", "Routine", "Note"], [[when(s), s.title, s.note] for s in report.notes]


def build_report(store: LogStore, since: date, until: date, generated: datetime) -> Report:
    sessions = tuple(reversed(store.sessions(since, until=until, with_steps=True)))
    versions = store.routines()
    used = {s.routine_id for s in sessions}
    summaries = []
    for routine_id, version in versions.items():
        period = prescription_period(version.schedule, since, until)
        prescribed = version.schedule is not None and period[0] <= period[1]
        if routine_id not in used and not prescribed:
            continue
        statuses: dict[str, int] = {}
        for session in sessions:
            if session.routine_id == routine_id:
                statuses[session.status] = statuses.get(session.status, 0) + 1
        result = None
        if prescribed:
            result = adherence(store, routine_id, version.schedule, *period, today=until)
        summaries.append(RoutineSummary(version, result, statuses))
    patients = [r.version.patient for r in summaries if r.version.patient]
    patient = patients[-1] if patients else ""
    return Report(since, until, generated, patient, tuple(summaries), sessions)


def render(report: Report, format: str) -> str:
    """The report as text in ``format`` (one of ``FORMATS``)."""
    if format == "md":
        from homecare.log.report.markdown import to_markdown as renderer
    elif format == "html":
        from homecare.log.report.html import to_html as renderer
    elif format == "csv":
        from homecare.log.report.export import to_csv as renderer
    elif format == "json":
        from homecare.log.report.export import to_json as renderer
    else:
        raise ValueError(f"unknown report format {format!r}")
    return renderer(report)
