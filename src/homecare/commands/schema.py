"""``homecare schema``: print the JSON Schema of routine files (or write it with ``-o``).

Clinicians' editors use it for completion and checking: put it next to the routine files as
``homecare-routine.schema.json``, which the ``#:schema`` line at the top of each file names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from homecare.base.atomic import write_atomic
from homecare.base.errors import UserError
from homecare.base.text import visible
from homecare.clinician.output import write_output
from homecare.routine.schema import schema_json
from homecare.routine.writer import SCHEMA_FILE_NAME


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=f"write the schema to FILE (e.g. {SCHEMA_FILE_NAME} next to your routines; "
        "a folder gets that name) instead of printing it",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    text = schema_json()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    target = args.output / SCHEMA_FILE_NAME if args.output.is_dir() else args.output
    write_output(target, text.encode("utf-8"), force=args.force)
    print(f"wrote {target}")
    return 0


def place_beside(routine_file: Path) -> str:
    """Put the schema beside a routine file its ``#:schema`` line names; say what was done.

    A file of that name that is not this schema is left alone (it may be a colleague's, or
    from another version): the message says how to refresh it.
    """
    target = routine_file.parent / SCHEMA_FILE_NAME
    data = schema_json().encode("utf-8")
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return ""
        if target.exists():
            return (
                f"{SCHEMA_FILE_NAME} beside it is not this homecare's schema; refresh it "
                f"with: homecare schema -o {visible(str(target), limit=200)}"
            )
        write_atomic(target, data)
    except (OSError, UserError) as error:
        return f"Could not write {SCHEMA_FILE_NAME} beside it ({error}); editors cannot check it."
    return f"Wrote {SCHEMA_FILE_NAME} beside it: editors with Taplo check the file as you type."
