"""Writing the files clinicians ask for (handouts, calendars): atomically, never over a file
that exists unless they said ``--force``, and with a plain message when the target is not
writable."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from homecare.errors import UserError


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes, *, force: bool) -> None:
    """Write a command's output file, refusing to replace an existing one without ``force``."""
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise UserError(f"{path} already exists; add --force to replace it")
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
