"""Sessions as lines of plain text: one line per session, then its skipped steps, why it was
stopped and its note, indented. Shared by ``homecare history`` and the History screen, and cheap
to draw however many sessions are shown. Text is made safe to print (no escape sequences)."""

from __future__ import annotations

from homecare.base.durations import duration_words
from homecare.log.store import Session
from homecare.base.text import visible

# 77 columns: fits an 80-column terminal and the History screen at 80x24.
_COLUMNS = "{:<16}  {:<19}  {:<11}  {:<5}  {:<8}  {}"
HEADING = _COLUMNS.format("When", "Routine", "Status", "Steps", "Pain", "Active")
ROUTINE_WIDTH = 19
_INDENT = " " * 4


def one_line(text: str, limit: int) -> str:
    """``text`` on one line (line breaks as " / "), control characters shown, cut to ``limit``."""
    return visible(" / ".join(part.strip() for part in text.splitlines()), limit)


def pain(session: Session) -> str:
    ratings = (session.pain_before, session.pain_after)
    if ratings == (None, None):
        return "-"
    return " -> ".join("?" if p is None else str(p) for p in ratings)


def session_lines(session: Session) -> list[str]:
    """The session's line (steps done/total, active time in words), then an
    indented line per skipped step, for why it was stopped and for the note."""
    lines = [
        _COLUMNS.format(
            session.started.strftime("%Y-%m-%d %H:%M"),
            one_line(session.title, ROUTINE_WIDTH),
            session.status,
            f"{session.steps_done}/{session.steps_total}",
            pain(session),
            duration_words(session.active_seconds),
        ).rstrip()
    ]
    for step in session.skipped:
        reason = f": {one_line(step.reason, 80)}" if step.reason else ""
        lines.append(f"{_INDENT}skipped {one_line(step.name, 40)}{reason}")
    if session.stop_reason and session.status == "stopped":
        lines.append(f"{_INDENT}stopped: {one_line(session.stop_reason, 80)}")
    if session.note.strip():
        lines.append(f"{_INDENT}note: {one_line(session.note, 200)}")
    return lines
