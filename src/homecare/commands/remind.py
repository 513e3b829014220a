"""``homecare remind FILE -o OUT.ics``: calendar reminders from a routine's schedule."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timezone

from homecare.base.errors import UserError
from homecare.clinician import remind
from homecare.clinician.output import write_output
from homecare.commands.arguments import routine_and_output
from homecare.routine import library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    routine_and_output(
        parser,
        output="OUT.ics",
        help="the calendar file to write (import it into any calendar app)",
    )
    parser.add_argument(
        "--at",
        metavar="HH:MM,...",
        help="times of day, one per session (default: spread from 09:00 to 20:00)",
    )


def run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".ics":
        raise UserError("the calendar file must end in .ics")
    routine = library.resolve(args.routine).routine
    try:
        at = remind.parse_times(args.at) if args.at else None
        cal = remind.calendar(routine, today=date.today(), now=datetime.now(timezone.utc), at=at)
    except ValueError as error:
        raise UserError(f"cannot make reminders for {routine.title!r}: {error}") from None
    write_output(args.output, cal.to_ical(), force=args.force)
    events = len(cal.walk("VEVENT"))  # a staged routine's: each stage's sessions
    print(f"Wrote {events} repeating reminder(s) for {routine.title!r} to {args.output}")
    return 0
