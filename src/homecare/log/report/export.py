"""The raw sessions for a clinician's own tools: CSV (one row per session) and JSON (with every
step, and the report's summary: each routine against what was due, and the flags). Every field
is documented in docs/log.md; values are exactly as recorded, except that a CSV cell is never a
formula (``csv_cell``)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone

from homecare.log import psfs
from homecare.log.outcome import OUTCOMES
from homecare.log.report.build import Report
from homecare.log.store import Session, offset_minutes
from homecare.routine.model import MAX_PSFS_ACTIVITIES
from homecare.session.feedback import VALUES as FEEDBACK_VALUES

JSON_FORMAT = "homecare-sessions"
JSON_VERSION = 3  # 2: outcome, steps_excused, safety_override, example; summary; step times
# 3: the PSFS (psfs_mean and psfs per session, summary.psfs)
SESSION_COLUMNS = (
    "id",
    "routine_id",
    "title",
    "content_hash",
    "started",
    "started_utc",
    "utc_offset_minutes",
    "local_day",
    "ended",
    "status",
    "stop_reason",
    "planned_seconds",
    "active_seconds",
    "steps_total",
    "steps_done",
    "steps_skipped",
    "pain_before",
    "pain_after",
    "note",
    "app_version",
    "outcome",
    "steps_excused",
    "safety_override",
    "example",
    "psfs_mean",
    "stage",
    "stage_name",
)
# The PSFS's raw scores in CSV: an activity and its score per pair of columns, in the order asked.
PSFS_COLUMNS = tuple(
    f"psfs_{n}_{part}" for n in range(1, MAX_PSFS_ACTIVITIES + 1) for part in ("activity", "score")
)
CSV_COLUMNS = (*SESSION_COLUMNS, "skipped_steps", "step_feedback", *PSFS_COLUMNS)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def session_fields(session: Session, example: bool = False) -> dict[str, object]:
    """The values of SESSION_COLUMNS, shared by CSV and JSON."""
    return {
        "id": session.id,
        "routine_id": session.routine_id,
        "title": session.title,
        "content_hash": session.content_hash,
        "started": _iso(session.started),
        "started_utc": session.started.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "utc_offset_minutes": offset_minutes(session.started),
        "local_day": session.local_day.isoformat(),
        "ended": _iso(session.ended),
        "status": session.status,
        "stop_reason": session.stop_reason,
        "planned_seconds": session.planned_seconds,
        "active_seconds": round(session.active_seconds, 1),
        "steps_total": session.steps_total,
        "steps_done": session.steps_done,
        "steps_skipped": session.steps_skipped,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "note": session.note,
        "app_version": session.app_version,
        "outcome": session.outcome,
        "steps_excused": session.steps_excused,
        "safety_override": session.safety_override,
        "example": example,
        "psfs_mean": round(psfs.score(session), 2) if session.psfs else None,
        "stage": session.stage,
        "stage_name": session.stage_name,
    }


def csv_cell(value: object) -> object:
    """A value as a CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting with = + - @, a tab or a carriage return gets a leading ``'`` (OWASP's advice
    against CSV injection): a routine title, a step name or a note is the patient's or the
    clinician's words, not a formula. Numbers stay numbers; None is an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(report: Report) -> str:
    """One row per session; steps not done as "name: reason; ..." in the last column."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for session in report.sessions:
        row = session_fields(session, report.is_example(session))
        row["skipped_steps"] = "; ".join(
            f"{step.name}: {step.reason}" if step.reason else step.name for step in session.skipped
        )
        for number, rating in enumerate(session.psfs, start=1):
            row[f"psfs_{number}_activity"], row[f"psfs_{number}_score"] = (
                rating.activity,
                rating.score,
            )
        row["step_feedback"] = "; ".join(
            f"{step.name}: {step.feedback}" for step in session.steps if step.feedback
        )
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return out.getvalue()


def to_json(report: Report) -> str:
    sessions = []
    for session in report.sessions:
        row = session_fields(session, report.is_example(session))
        row["steps"] = [
            {
                "index": s.step_index,
                "name": s.name,
                "outcome": s.outcome,
                "reason": s.reason,
                "exercise_seconds": s.exercise_seconds,
                "exercise_planned_seconds": s.exercise_planned_seconds,
                "feedback": s.feedback,
            }
            for s in session.steps
        ]
        row["psfs"] = [
            {"index": r.activity_index, "activity": r.activity, "score": r.score}
            for r in session.psfs
        ]
        sessions.append(row)
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "since": report.since.isoformat(),
        "until": report.until.isoformat(),
        "generated": report.generated.isoformat(),
        "routine_id": report.routine_id,
        "summary": summary(report),
        "sessions": sessions,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def summary(report: Report) -> dict[str, object]:
    """The report's summary for tools: routines against what was due, the pain trend, flags."""
    routines = []
    for item in report.routines:
        counted, schedule = item.counted, item.prescription.schedule
        routines.append(
            {
                "id": item.version.routine_id,
                "title": item.version.title,
                "example": item.prescription.example,
                "prescribed_by": item.version.prescribed_by,
                "start": _day(schedule.start) if schedule else None,
                "end": _day(schedule.last_day) if schedule else None,
                "due": counted.due,
                "done": counted.done,
                "partly_done": counted.partly_done,
                "not_done": counted.not_done,
                "sessions": {outcome: item.outcomes.get(outcome, 0) for outcome in OUTCOMES},
                "current_streak": item.adherence.current_streak if item.adherence else 0,
                "longest_streak": item.adherence.longest_streak if item.adherence else 0,
                "stages": [
                    {
                        "number": stage.number,
                        "name": stage.name,
                        "first_day": _day(stage.first),
                        "last_day": _day(stage.last),
                        "due": stage.counted.due,
                        "done": stage.counted.done,
                        "partly_done": stage.counted.partly_done,
                        "not_done": stage.counted.not_done,
                        "sessions": stage.sessions,
                    }
                    for stage in item.stages
                ],
            }
        )
    weeks = report.pain_weeks
    pain = [
        {
            "week_from": week.day.isoformat(),
            "before": _mean(week.before),
            "after": _mean(week.after),
        }
        for week in (weeks[:1] + weeks[-1:] if len(weeks) > 1 else weeks)
    ]
    flags = [
        {
            "kind": flag.kind,
            "local_day": flag.local_day.isoformat(),
            "started": _iso(flag.session.started),
            "routine_id": flag.session.routine_id,
            "session_id": flag.session.id,
            "text": flag.text,
        }
        for flag in report.flags
    ]
    return {
        "patient": report.patient,
        "routines": routines,
        "pain_first_last_week": pain,
        "flags": flags,
        "psfs": [_psfs_course(course) for course in psfs.courses(report.sessions)],
        "feedback": exercise_feedback(report),
    }


def _psfs_course(course: psfs.Course) -> dict[str, object]:
    def taking(session: Session) -> dict[str, object]:
        return {
            "local_day": session.local_day.isoformat(),
            "session_id": session.id,
            "mean": round(psfs.score(session), 2),
        }

    return {
        "routine_id": course.routine_id,
        "takings": len(course.takings),
        "first": taking(course.first),
        "last": taking(course.last),
        "change": course.change,
        "change_mark": psfs.MEAN_CHANGE_MARK,
        "reaches_mark": course.reaches_mark,
    }


def exercise_feedback(report: Report) -> list[dict[str, object]]:
    """Each exercise rated in the period, with how often it got each rating."""
    return [
        {
            "routine_id": item.routine_id,
            "exercise": item.name,
            "ratings": item.rated,
            **{value: item.counts.get(value, 0) for value in FEEDBACK_VALUES},
        }
        for item in report.exercise_feedback
    ]


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _mean(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None
