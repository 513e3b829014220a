"""``homecare history``: the sessions you have done, newest last, as a readable table."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from homecare.base.days import parse_day
from homecare.base.text import visible
from homecare.log.listing import HEADING, session_lines
from homecare.log.prescriptions import example_hashes
from homecare.log.store import open_store

DEFAULT_LIMIT = 30
ALL_SESSIONS = 2**31 - 1  # more than any log holds; a larger --limit means all (as 0 does)


def day_argument(text: str) -> date:
    """A ``--since``/``--until`` value: a calendar day, YYYY-MM-DD."""
    try:
        return parse_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a day like 2026-05-01, not {visible(text)!r}"
        ) from None


def limit_argument(text: str) -> int | None:
    """A ``--limit`` value: a whole number; 0 (or more than the log could hold) means all."""
    try:
        limit = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {visible(text)!r}") from None
    if limit < 0:
        raise argparse.ArgumentTypeError("expected 0 (all) or a positive number")
    return limit if 0 < limit <= ALL_SESSIONS else None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=day_argument, metavar="DATE", help="only sessions from this day on"
    )
    parser.add_argument("--routine", metavar="ID", help="only sessions of this routine")
    parser.add_argument(
        "--limit",
        type=limit_argument,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"show the latest N sessions (default {DEFAULT_LIMIT}; 0 shows all)",
    )


def run(args: argparse.Namespace) -> int:
    with open_store() as store:
        limit = args.limit
        sessions = store.sessions(args.since, args.routine, limit=limit, with_steps=True)
        total = store.count(args.since, args.routine) if limit else len(sessions)
        examples = example_hashes(store)
        if store.notice:  # after reading: damage may be found by the reads themselves
            print(f"homecare: {store.notice}", file=sys.stderr)
    if not sessions:
        print("No sessions match." if args.since or args.routine else "No sessions recorded yet.")
        return 0
    print(HEADING)
    for session in reversed(sessions):
        print("\n".join(session_lines(session, session.content_hash in examples)))
    if total > len(sessions):
        print(
            f"\nShowing the latest {len(sessions)} of {total:,} sessions. "
            "Use --since DATE or --limit 0 to see more."
        )
    return 0
