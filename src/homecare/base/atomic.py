"""Writing a file in one step, so a crash, a kill or a full disk never leaves half a file.

Every file homecare writes outside the SQLite log goes through ``write_atomic``: routine files,
the schema, reports, handouts, calendars, imported routines and the settings. The same rules
hold for all of them:

- Only a regular file is ever replaced. A device, a FIFO, a folder or a symbolic link at the
  path is refused, even when overwriting is allowed (the rename would swap the device node or
  the link itself for a file; a link could also point somewhere the person did not mean).
- They may hold health data, so a new file is private: read and write for its owner only
  (0600, or less if the umask says so). A replaced file keeps its own permissions.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path

from homecare.base.errors import UserError
from homecare.base.reading import special_kind
from homecare.base.text import visible


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step: a crash or a full disk leaves the old file.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed over
    the target (``os.replace`` is atomic on POSIX and Windows). ``UserError`` if ``path``
    exists (and not ``overwrite``), is not a regular file, or cannot be written, in words
    naming the file.
    """
    shown = visible(str(path), limit=200)
    existing = existing_mode(path)
    if existing is not None and not overwrite:
        raise UserError(f"{shown} already exists; choose another name or allow overwriting it")
    folder = path.parent
    import tempfile  # here: it brings shutil, random, bz2 and lzma (~4 ms), and most runs never write

    try:
        # mkstemp creates the file 0600 less the umask: the private default for a new file.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UserError(_cannot_write(shown, folder, error)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if existing is not None:
            os.chmod(temporary, existing)
        os.replace(temporary, path)
    except OSError as error:
        with suppress(OSError):
            os.unlink(temporary)
        raise UserError(_cannot_write(shown, folder, error)) from None
    _sync_folder(folder)


def existing_mode(path: Path) -> int | None:
    """The permission bits of the regular file at ``path``, None if nothing is there.

    ``UserError`` for anything else at the path (a link is not followed): homecare replaces
    only regular files.
    """
    try:
        status = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise UserError(_cannot_write(visible(str(path), limit=200), path.parent, error)) from None
    kind = special_kind(status.st_mode)
    if kind is None:
        return stat.S_IMODE(status.st_mode)
    raise UserError(
        f"{visible(str(path), limit=200)} is {kind}, not a regular file; homecare only replaces "
        "regular files (give another name)"
    )


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
