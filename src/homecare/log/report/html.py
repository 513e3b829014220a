"""The report as one standalone HTML page: no script, no external resource, every text escaped,
laid out to print on A4 or Letter (tables keep their headings across pages)."""

from __future__ import annotations

from html import escape

from homecare import __version__
from homecare.base.html_page import html_page
from homecare.base.text import printable_lines
from homecare.log import psfs
from homecare.log.report.build import (
    Report,
    Table,
    feedback_table,
    flags_table,
    pain_table,
    routines_table,
    sessions_table,
    sessions_words,
    summary_lines,
    weekly_table,
)
from homecare.log.report.chart import pain_chart, psfs_chart

_CSS = """
body { font: 11pt/1.4 sans-serif; color: #000; max-width: 180mm; margin: 1em auto; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.5em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 1px solid #888; padding: 2px 6px; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr, figure { break-inside: avoid; page-break-inside: avoid; }
td { white-space: pre-wrap; }
.chart { width: 100%; height: auto; }
figure { margin: 0 0 1em; }
"""


def _table(table: Table, empty: str) -> list[str]:
    headings, rows = table
    if not rows:
        return [f"<p>{escape(empty)}</p>"]
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headings)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append(
            "<tr>" + "".join(f"<td>{escape(printable_lines(cell))}</td>" for cell in row) + "</tr>"
        )
    out.append("</tbody></table>")
    return out


def _feedback(report: Report) -> list[str]:
    """Feedback per exercise, only when the patient rated any (feedback = true)."""
    headings, rows = feedback_table(report)
    if not rows:
        return []
    return ['<h2 id="feedback">Feedback per exercise</h2>', *_table((headings, rows), "")]


def to_html(report: Report) -> str:
    title = f"Home-care report, {report.since} to {report.until}"
    out = [f"<h1>{escape(title)}</h1>", '<section id="summary">', "<h2>Summary</h2>", "<ul>"]
    if report.patient:
        out.append(f"<li>Patient: <strong>{escape(printable_lines(report.patient))}</strong></li>")
    out.append(f"<li>Period: {report.since} to {report.until}, {sessions_words(report)}</li>")
    out += [f"<li>{escape(printable_lines(line))}</li>" for line in summary_lines(report)]
    out += [
        "</ul>",
        f"<p>Written {escape(report.generated.strftime('%Y-%m-%d %H:%M'))} by homecare "
        f"{escape(__version__)}.</p>",
        "</section>",
        '<h2 id="flags">Flags</h2>',
        *_table(flags_table(report), "Nothing flagged."),
        '<h2 id="sessions">Sessions</h2>',
        *_table(sessions_table(report), "No sessions in this period."),
        *_feedback(report),
        "<h2>Routines prescribed</h2>",
        *_table(routines_table(report), "No routine was prescribed or done in this period."),
        "<h2>Adherence per week</h2>",
        *_table(weekly_table(report), "No routine in this period has a schedule."),
        "<h2>Pain before and after</h2>",
    ]
    days = report.pain_days
    if days:
        out += [
            "<figure>",
            pain_chart(days),
            "<figcaption>Mean pain rating per day, 0 (none) to 10 (worst). Circles and dashed "
            "line: before the session; squares and solid line: after.</figcaption>",
            "</figure>",
        ]
    out += _table(pain_table(report), "No pain ratings in this period.")
    out += _psfs_section(report)
    return html_page(title, _CSS, out)


def _psfs_section(report: Report) -> list[str]:
    """Each routine's PSFS takings in the period (no section when there are none)."""
    found = psfs.courses(report.sessions)
    if not found:
        return []
    out = [
        '<section id="psfs">',
        f"<h2>{escape(psfs.HEADING)}</h2>",
        f"<p>{escape(psfs.ABOUT)}</p>",
    ]
    for course in found:
        out += [
            f"<h3>{escape(printable_lines(course.title))}</h3>",
            f"<p>{escape(printable_lines(psfs.change_words(course)))}</p>",
            "<figure>",
            psfs_chart(psfs.means(course), psfs.MEAN_CHANGE_MARK),
            f"<figcaption>{escape(psfs.CHART_CAPTION)}</figcaption>",
            "</figure>",
            *_table(psfs.table(course), ""),
        ]
    return out + ["</section>"]
