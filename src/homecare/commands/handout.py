"""``homecare handout FILE -o OUT.html|OUT.md``: a printable page of a routine for the patient."""

from __future__ import annotations

import argparse
from pathlib import Path

from homecare.base.errors import UserError
from homecare.clinician import handout
from homecare.clinician.output import write_output
from homecare.routine import library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("routine", metavar="FILE|NAME", help="a routine file or a routine's id")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT",
        help="the handout to write: .html (prints on A4 and Letter) or .md",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")


def run(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in handout.FORMATS:
        raise UserError(f"the handout must end in .html or .md (not {suffix or 'no extension'!r})")
    routine = library.resolve(args.routine).routine
    write_output(args.output, handout.render(routine, suffix).encode("utf-8"), force=args.force)
    print(f"Wrote the handout for {routine.title!r} to {args.output}")
    return 0
