"""``homecare new OUT.toml``: write a new routine file, from a bundled template or from options.

The routine is built as a value, written to text by the writer (with its ``#:schema`` line),
and that exact text is checked by the loader before anything touches the disk.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path

from homecare.base.days import parse_day
from homecare.base.errors import UserError
from homecare.base.text import counted, visible
from homecare.clinician.draft import new_step
from homecare.clinician.output import write_output
from homecare.commands.schema import place_beside
from homecare.routine import library
from homecare.routine.limits import EXAMPLE_NOTICE, EXAMPLE_TITLE, warnings_for
from homecare.routine.loader import parse_routine, slugify
from homecare.routine.model import STEP_TYPES, WEEKDAYS, Routine, Schedule
from homecare.routine.pictures import without_pictures
from homecare.routine.writer import dumps_routine

DEFAULT_STEP = "pir"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", type=Path, metavar="OUT.toml", help="the routine file to write")
    parser.add_argument(
        "--from",
        dest="template",
        metavar="NAME|FILE",
        help="start from a bundled routine (e.g. lower-back-pir) or another file",
    )
    parser.add_argument("--id", help="the routine's id (default: from OUT's file name)")
    parser.add_argument("--title", help="the routine's name")
    parser.add_argument("--patient", help="who it is for")
    parser.add_argument("--prescribed-by", metavar="CLINICIAN", help="who prescribed it")
    parser.add_argument("--contact", help="how to reach the clinic")
    parser.add_argument("--times-per-day", type=int, metavar="N", help="sessions per day")
    parser.add_argument(
        "--days", metavar="mon,wed,...", help="weekdays to do it (default: every day)"
    )
    parser.add_argument("--start", type=_date, metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--weeks", type=int, metavar="N", help="how many weeks from the start")
    parser.add_argument(
        "--step",
        dest="steps",
        action="append",
        choices=list(STEP_TYPES),
        metavar="TYPE",
        help=f"add a step with default values (repeatable; one of {', '.join(STEP_TYPES)}); "
        f"without --from or --step the routine has one {DEFAULT_STEP} step; from a template "
        "with stages, the steps go to its last stage",
    )
    parser.add_argument("--force", action="store_true", help="replace OUT.toml if it exists")


def run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".toml":
        raise UserError("a routine file's name must end in .toml")
    routine = build(args)
    label = visible(str(args.output), limit=200)
    text = dumps_routine(routine)
    checked = parse_routine(text, label, routine.id)  # RoutineError lists every problem
    write_output(args.output, text.encode("utf-8"), force=args.force)
    for warning in warnings_for(checked, label):
        print(warning)
    stages = f"{counted(len(checked.stages), 'stage')}, " if checked.stages else ""
    print(f"Wrote {label} ({stages}{counted(len(checked.all_steps), 'step')}).")
    if placed := place_beside(args.output):
        print(placed)
    if args.template:
        print("It starts as a copy of the template: make its title, notes and steps your own.")
    print(f"Next: homecare edit {label}, then homecare check {label}.")
    return 0


def build(args: argparse.Namespace) -> Routine:
    """The routine the options describe, on top of the template if one was named."""
    if args.template:
        # The template's pictures stay in its folder: the new file starts without them.
        base = without_example_wording(without_pictures(library.resolve(args.template).routine))
    elif args.title is None:
        raise UserError("give the routine a --title (or start --from a bundled routine)")
    else:
        base = Routine()
    added = tuple(new_step(name) for name in args.steps or ())
    if base.stages:  # a staged template: steps asked for go to its last stage
        *before, last = base.stages
        base = replace(base, stages=(*before, replace(last, steps=last.steps + added)))
        added = ()
    steps = base.steps + added
    if not steps and not base.stages:
        steps = (new_step(DEFAULT_STEP),)
    given = {
        "title": args.title,
        "patient": args.patient,
        "prescribed_by": args.prescribed_by,
        "contact": args.contact,
    }
    return replace(
        base,
        **{key: value for key, value in given.items() if value is not None},
        id=args.id or slugify(args.output.stem),
        issued=date.today(),
        schedule=_schedule(args, base.schedule),
        steps=steps,
    )


def _schedule(args: argparse.Namespace, base: Schedule | None) -> Schedule | None:
    given = {
        "times_per_day": args.times_per_day,
        "days": _days(args.days) if args.days is not None else None,
        "start": args.start,
        "weeks": args.weeks,
    }
    given = {key: value for key, value in given.items() if value is not None}
    if not given:
        return base
    if "weeks" in given:
        given["end"] = None  # weeks replaces the template's end date
    return replace(base or Schedule(), **given)


def _days(text: str) -> tuple[str, ...]:
    days = tuple(day for day in text.replace(",", " ").lower().split())
    unknown = [day for day in days if day not in WEEKDAYS]
    if unknown:
        raise UserError(f"--days: {', '.join(unknown)} is not one of {', '.join(WEEKDAYS)}")
    return days


def _date(text: str) -> date:
    try:
        return parse_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-02") from None


def without_example_wording(routine: Routine) -> Routine:
    """A template's copy without the words saying it is an example: the copy is to become a
    prescription, and ``check`` warns while such words are left."""
    title = routine.title.rstrip()
    if title.casefold().endswith(EXAMPLE_TITLE):
        title = title[: -len(EXAMPLE_TITLE)].rstrip()
    paragraphs = routine.notes.split("\n\n")
    notes = "\n\n".join(p for p in paragraphs if EXAMPLE_NOTICE.casefold() not in p.casefold())
    return replace(
        routine,
        title=title,
        notes=notes.strip("\n"),
        contact=_unless_example(routine.contact),
        prescribed_by=_unless_example(routine.prescribed_by),
    )


def _unless_example(text: str) -> str:
    """An example's placeholder ("Example Clinic") is no one's: left empty in a copy."""
    return "" if "example" in text.casefold() else text
