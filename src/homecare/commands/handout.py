"""``homecare handout FILE -o OUT.html|OUT.md``: a printable page of a routine for the patient.

An HTML handout holds its pictures; a Markdown one names them, and they are written beside it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from homecare.base.errors import UserError
from homecare.clinician import handout
from homecare.clinician.output import write_output
from homecare.commands.arguments import routine_and_output
from homecare.routine import library
from homecare.routine.pack import routine_pictures
from homecare.routine.pictures import check_name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    routine_and_output(
        parser, output="OUT", help="the handout to write: .html (prints on A4 and Letter) or .md"
    )


def run(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in handout.FORMATS:
        raise UserError(f"the handout must end in .html or .md (not {suffix or 'no extension'!r})")
    loaded = library.resolve(args.routine)
    routine = loaded.routine
    pictures = routine_pictures(loaded)
    text = handout.render(routine, suffix, pictures)
    write_output(args.output, text.encode("utf-8"), force=args.force)
    if suffix == ".md":
        _write_pictures_beside(args.output, pictures, force=args.force)
    print(f"Wrote the handout for {routine.title!r} to {args.output}")
    return 0


def _write_pictures_beside(document: Path, pictures: dict[str, bytes], *, force: bool) -> None:
    """Write ``pictures`` under ``document``'s folder, by their (checked, relative) paths.

    A file already there with the same bytes is left alone; a different one needs ``force``.
    """
    for name, data in pictures.items():
        target = document.parent / check_name(name)
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_output(target, data, force=force)
