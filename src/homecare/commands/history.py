"""``homecare history``: the sessions you have done, newest last, as a readable table."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from homecare.clinician.words import duration
from homecare.log.store import Session, open_store
from homecare.routine.textpolicy import visible

DEFAULT_LIMIT = 30
_COLUMNS = "{:<16}  {:<28}  {:<11}  {:<9}  {:<7}  {}"


def day_argument(text: str) -> date:
    """A ``--since``/``--until`` value: a calendar day, YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a day like 2026-05-01, not {visible(text)!r}"
        ) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=day_argument, metavar="DATE", help="only sessions from this day on"
    )
    parser.add_argument("--routine", metavar="ID", help="only sessions of this routine")
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
        help=f"show the latest N sessions (default {DEFAULT_LIMIT}; 0 shows all)",
    )  # fmt: skip


def _one_line(text: str, limit: int) -> str:
    return visible(" / ".join(part.strip() for part in text.splitlines()), limit)


def _pain(session: Session) -> str:
    if session.pain_before is None and session.pain_after is None:
        return "-"
    shown = ["?" if p is None else str(p) for p in (session.pain_before, session.pain_after)]
    return " -> ".join(shown)




def format_session(session: Session) -> list[str]:
    """The table line of a session, then a line per skipped step and for the note."""
    steps = f"{session.steps_done} of {session.steps_total}"
    lines = [
        _COLUMNS.format(
            session.started.strftime("%Y-%m-%d %H:%M"),
            _one_line(session.title, 28),
            session.status,
            steps,
            _pain(session),
            duration(session.active_seconds),
        ).rstrip()
    ]
    indent = " " * 18
    for step in session.skipped:
        reason = f": {_one_line(step.reason, 80)}" if step.reason else ""
        lines.append(f"{indent}skipped {_one_line(step.name, 40)}{reason}")
    if session.stop_reason and session.status == "stopped":
        lines.append(f"{indent}stopped: {_one_line(session.stop_reason, 80)}")
    if session.note.strip():
        lines.append(f"{indent}note: {_one_line(session.note, 200)}")
    return lines


def run(args: argparse.Namespace) -> int:
    with open_store() as store:
        if store.notice:
            print(f"homecare: {store.notice}", file=sys.stderr)
        limit = args.limit if args.limit > 0 else None
        sessions = store.sessions(args.since, args.routine, limit=limit, with_steps=True)
        total = store.count(args.since, args.routine) if limit else len(sessions)
    if not sessions:
        print("No sessions match." if args.since or args.routine else "No sessions recorded yet.")
        return 0
    print(_COLUMNS.format("When", "Routine", "Status", "Steps", "Pain", "Active time"))
    for session in reversed(sessions):
        print("\n".join(format_session(session)))
    if total > len(sessions):
        print(
            f"\nShowing the latest {len(sessions)} of {total:,} sessions. "
            "Use --since DATE or --limit 0 to see more."
        )
    return 0
