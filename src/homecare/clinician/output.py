"""Writing the files clinicians ask for (handouts, calendars): atomically, never over a file
that exists unless they said ``--force``, and with a plain message when the target is not
writable."""

from __future__ import annotations

from pathlib import Path

from homecare.base.atomic import write_atomic
from homecare.base.errors import UserError
from homecare.base.text import visible


def write_output(path: Path, data: bytes, *, force: bool) -> None:
    """Write a command's output file, refusing to replace an existing one without ``force``."""
    shown = visible(str(path), limit=200)
    if path.is_dir():
        raise UserError(f"{shown} is a folder; give a file name")
    if path.exists() and not force:
        raise UserError(f"{shown} already exists; add --force to replace it")
    write_atomic(path, data, overwrite=True)
