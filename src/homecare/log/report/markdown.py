"""The report in Markdown, for pasting into an e-mail or a clinic's notes: summary, flags, the
sessions, then the details. Every text from the log is escaped so it shows literally; the pain
chart is a bar per week drawn in text (one line for one session or a hundred)."""

from __future__ import annotations

from homecare import __version__
from homecare.base.text import md_escape, printable_lines
from homecare.log import psfs
from homecare.log.report.build import (
    Report,
    Table,
    feedback_table,
    flags_table,
    routines_table,
    sessions_table,
    sessions_words,
    summary_lines,
    weekly_table,
)

BAR = "█"


def _cell(text: str) -> str:
    return md_escape(printable_lines(" / ".join(line.strip() for line in text.splitlines())))


def _table(table: Table, empty: str) -> list[str]:
    headings, rows = table
    if not rows:
        return [md_escape(empty)]
    out = ["| " + " | ".join(_cell(h) for h in headings) + " |"]
    out.append("|" + "---|" * len(headings))
    out += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return out


def _pain_bars(report: Report) -> list[str]:
    """A text chart: one line per week, bars of the mean before and after."""
    lines = []
    for week in report.pain_weeks:
        parts = []
        for label, value in (("before", week.before), ("after", week.after)):
            bar = BAR * round(value) if value is not None else ""
            shown = f"{value:4.1f}" if value is not None else "   –"
            parts.append(f"{label} {shown} {bar:<10}")
        lines.append(f"{week.day.isoformat()}  " + "  ".join(parts).rstrip())
    if not lines:
        return []
    return ["Mean pain per week (0 none, 10 worst):", "", "```text", *lines, "```"]


def _feedback(report: Report) -> list[str]:
    """Feedback per exercise, only when the patient rated any (feedback = true)."""
    headings, rows = feedback_table(report)
    if not rows:
        return []
    return ["## Feedback per exercise", "", *_table((headings, rows), ""), ""]


def to_markdown(report: Report) -> str:
    title = f"Home-care report, {report.since} to {report.until}"
    out = [f"# {md_escape(title)}", "", "## Summary", ""]
    if report.patient:
        out += [f"- **Patient:** {_cell(report.patient)}"]
    out += [f"- **Period:** {report.since} to {report.until}, {sessions_words(report)}"]
    out += [f"- {_cell(line)}" for line in summary_lines(report)]
    out += [
        f"- **Written:** {report.generated.strftime('%Y-%m-%d %H:%M')} by homecare "
        f"{md_escape(__version__)}",
        "",
        "## Flags",
        "",
        *_table(flags_table(report), "Nothing flagged."),
        "",
        "## Sessions",
        "",
        *_table(sessions_table(report), "No sessions in this period."),
        "",
        *_feedback(report),
        "## Routines prescribed",
        "",
        *_table(routines_table(report), "No routine was prescribed or done in this period."),
        "",
        "## Adherence per week",
        "",
        *_table(weekly_table(report), "No routine in this period has a schedule."),
        "",
        "## Pain before and after",
        "",
        *(_pain_bars(report) or ["No pain ratings in this period."]),
        "",
        *_psfs_section(report),
    ]
    return "\n".join(out)


def _psfs_section(report: Report) -> list[str]:
    """Each routine's PSFS takings in the period: the change, then every taking (none: no
    section, so a report without the PSFS is as before)."""
    found = psfs.courses(report.sessions)
    if not found:
        return []
    out = [f"## {psfs.HEADING}", "", md_escape(psfs.ABOUT), ""]
    for course in found:
        out += [f"### {_cell(course.title)}", "", _cell(psfs.change_words(course)), ""]
        out += [*_table(psfs.table(course), ""), ""]
    return out
