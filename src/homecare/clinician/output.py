"""Writing the files commands produce (reports, handouts, calendars, routines, the schema):
atomically and privately (``homecare.base.atomic``), never over a file that exists unless the person
said ``--force``, never over anything but a regular file, and with a plain message when the
target is not writable."""

from __future__ import annotations

from pathlib import Path

from homecare.base.atomic import existing_mode, write_atomic
from homecare.base.errors import UserError
from homecare.base.text import visible


def write_output(path: Path, data: bytes, *, force: bool) -> None:
    """Write a command's output file, refusing to replace an existing one without ``force``."""
    shown = visible(str(path), limit=200)
    if existing_mode(path) is not None and not force:  # UserError for a folder, a FIFO, a link
        raise UserError(f"{shown} already exists; add --force to replace it")
    write_atomic(path, data, overwrite=True)
