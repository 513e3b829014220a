"""Sessions as lines of plain text: one line per session (done, partly done or not done),
then its steps not done, why it was stopped, a safety override and its note, indented. Shared
by ``homecare history`` and the History screen, and cheap to draw however many sessions are
shown. Text is made safe to print (no escape sequences)."""

from __future__ import annotations

from homecare.base.durations import duration_words
from homecare.base.text import one_line
from homecare.log.outcome import WORDS
from homecare.log.store import Session, StepOutcome

# 77 columns: fits an 80-column terminal and the History screen at 80x24.
_COLUMNS = "{:<16}  {:<19}  {:<11}  {:<5}  {:<8}  {}"
HEADING = _COLUMNS.format("When", "Routine", "Done?", "Steps", "Pain", "Active")
ROUTINE_WIDTH = 19
_INDENT = " " * 4
_STEP_VERBS = {"stopped": "stopped in"}  # else the outcome itself: skipped, excused


def pain(session: Session) -> str:
    ratings = (session.pain_before, session.pain_after)
    if ratings == (None, None):
        return "-"
    return " -> ".join("?" if p is None else str(p) for p in ratings)


def step_line(step: StepOutcome) -> str:
    """A step not done, in words: skipped, excused (with the reason) or stopped part-way."""
    words = f"{_STEP_VERBS.get(step.outcome, step.outcome)} {one_line(step.name, 40)}"
    if step.exercise_seconds:
        words += (
            f" after {duration_words(step.exercise_seconds)} of "
            f"{duration_words(step.exercise_planned_seconds)}"
        )
    if step.outcome == "stopped" or not step.reason:
        return words  # a stop's reason has its own line
    return f"{words}: {one_line(step.reason, 80)}"


def session_lines(session: Session, example: bool = False) -> list[str]:
    """The session's line (done, partly done or not done; steps done/total; active time in
    words), then an indented line for each step not done, for why it was stopped or that it
    was interrupted, for a safety override, for the note, and for an example routine."""
    lines = [
        _COLUMNS.format(
            session.started.strftime("%Y-%m-%d %H:%M"),
            one_line(session.title, ROUTINE_WIDTH),
            WORDS.get(session.outcome, session.outcome),
            f"{session.steps_done}/{session.steps_total}",
            pain(session),
            duration_words(session.active_seconds),
        ).rstrip()
    ]
    if example:
        lines.append(f"{_INDENT}example routine: not a prescription, never due")
    lines += [f"{_INDENT}{step_line(step)}" for step in session.skipped]
    if session.status == "stopped":
        reason = session.stop_reason if session.stop_reason != "stopped" else ""
        lines.append(f"{_INDENT}stopped" + (f": {one_line(reason, 80)}" if reason else ""))
    elif session.status == "interrupted":
        lines.append(f"{_INDENT}interrupted: homecare closed before the session ended")
    if session.safety_override:
        override = one_line(session.safety_override, 200)
        lines.append(f"{_INDENT}went on after a safety caution: {override}")
    if session.note.strip():
        lines.append(f"{_INDENT}note: {one_line(session.note, 200)}")
    return lines
