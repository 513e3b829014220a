"""``homecare report``: what you did, for your clinician: Markdown or HTML to read and print,
CSV or JSON for their own tools (columns in docs/log.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from homecare.base.days import add_days
from homecare.base.errors import UserError
from homecare.base.streams import is_terminal
from homecare.base.text import printable_lines, visible
from homecare.clinician.output import write_output
from homecare.commands.history import day_argument
from homecare.log.prescriptions import prescriptions
from homecare.log.report import FORMATS, build_report, render
from homecare.log.store import open_store
from homecare.routine.library import available
from homecare.session.clock import SystemClock

DEFAULT_WEEKS = 8
_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="md or html to read and print, csv or json for the raw sessions "
        "(default: from the name of FILE, else md)",
    )
    parser.add_argument(
        "--since",
        type=day_argument,
        metavar="DATE",
        help=f"first day of the report (default: {DEFAULT_WEEKS} weeks ago)",
    )
    parser.add_argument(
        "--until", type=day_argument, metavar="DATE", help="last day of the report (default: today)"
    )
    parser.add_argument("--routine", metavar="ID", help="only this routine")
    parser.add_argument(
        "--include-examples",
        action="store_true",
        help="also the bundled example routines (left out: they are never prescriptions)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (default, or -: standard output)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output is not None:
        return _SUFFIXES.get(args.output.suffix.lower(), "md")
    return "md"


def run(args: argparse.Namespace) -> int:
    now = SystemClock().wall()
    until = args.until or now.date()
    since = args.since or add_days(until, 1 - 7 * DEFAULT_WEEKS)
    if since > until:
        raise UserError(f"--since {since} is after --until {until}")
    with open_store() as store:
        library = available()
        routine = args.routine
        if routine is not None and not (
            routine in prescriptions(store, library).by_id or store.first_day(routine)
        ):
            raise UserError(
                f"no routine with the id {visible(args.routine)!r} in your log or your library"
            )
        report = build_report(
            store,
            since,
            until,
            now,
            library=library,
            routine_id=args.routine,
            include_examples=args.include_examples,
        )
        text = render(report, _format(args))
        if store.notice:  # after reading: damage may be found by the reads themselves
            print(f"homecare: {store.notice}", file=sys.stderr)
    if args.output is None or str(args.output) == "-":
        _to_standard_output(text)
        return 0
    write_output(args.output, text.encode("utf-8"), force=args.force)
    print(f"Wrote the report for {since} to {until} to {args.output}")
    return 0


def _to_standard_output(text: str) -> None:
    """On a terminal: as text with no control character (a note may hold an escape sequence).
    Into a file or a pipe: the exact UTF-8 bytes, whatever the console's encoding."""
    if is_terminal(sys.stdout):
        sys.stdout.write(printable_lines(text))
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
