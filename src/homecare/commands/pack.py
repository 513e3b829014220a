"""``homecare pack FILE -o NAME.homecare``: a routine and its pictures as one file to hand over.

The routine is checked first (every picture too); the pack is what ``homecare import``, ``run``,
``show``, ``check`` and ``handout`` read like a routine file. See ``homecare.routine.pack``.
"""

from __future__ import annotations

import argparse

from homecare.base.errors import UserError
from homecare.base.text import visible
from homecare.clinician.output import write_output
from homecare.commands.arguments import routine_and_output
from homecare.routine import library, pack
from homecare.routine.pictures import PictureRefused


def add_arguments(parser: argparse.ArgumentParser) -> None:
    routine_and_output(
        parser,
        output="NAME.homecare",
        help="the pack to write: the routine and its pictures in one file",
    )


def run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != pack.SUFFIX:
        raise UserError(f"the pack must end in {pack.SUFFIX}, so homecare knows it")
    loaded = library.resolve(args.routine)
    try:
        data = pack.pack_file(loaded, loaded.path.read_bytes())
    except PictureRefused as refused:
        raise UserError(f"cannot pack {loaded.routine.title!r}: a picture {refused}") from None
    except OSError as error:
        raise UserError(
            f"cannot read {visible(str(loaded.path), limit=200)}: {error.strerror or error}"
        ) from None
    write_output(args.output, data, force=args.force)
    pictures = len({step.image for step in loaded.routine.all_steps if step.image})
    print(f"Packed {loaded.routine.title!r} with {pictures} picture(s) into {args.output}")
    return 0
