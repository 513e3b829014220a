"""Writing a file in one step, so a crash, a kill or a full disk never leaves half a file.

Every file homecare writes outside the SQLite log goes through ``write_atomic``: routine files,
the schema, handouts, calendars, imported routines and the settings.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from homecare.base.errors import UserError
from homecare.base.text import visible


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step: a crash or a full disk leaves the old file.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed over
    the target (``os.replace`` is atomic on POSIX and Windows). ``UserError`` if ``path``
    exists (and not ``overwrite``) or cannot be written, in words naming the file.
    """
    shown = visible(str(path), limit=200)
    if path.exists() and not overwrite:
        raise UserError(f"{shown} already exists; choose another name or allow overwriting it")
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UserError(_cannot_write(shown, folder, error)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode if path.exists() else 0o644)
        os.replace(temporary, path)
    except OSError as error:
        with suppress(OSError):
            os.unlink(temporary)
        raise UserError(_cannot_write(shown, folder, error)) from None
    _sync_folder(folder)


def _cannot_write(shown: str, folder: Path, error: OSError) -> str:
    where = visible(str(folder), limit=200)
    if isinstance(error, FileNotFoundError):
        return f"cannot write {shown}: the folder {where} does not exist"
    if isinstance(error, PermissionError):
        return f"cannot write {shown}: no permission to write in {where}"
    reason = visible(error.strerror or str(error))
    return f"cannot write {shown}: {reason} (nothing was changed)"


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX; not Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
