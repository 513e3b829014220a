"""Reading an input file safely: the one way homecare reads routine files and settings.

A path a person gives may name anything: a folder, a named pipe (FIFO) that would block the
read for ever, a device such as ``/dev/zero`` that never ends, or a link to one. ``read_bounded``
opens without blocking (``O_NONBLOCK`` where the platform has it), refuses whatever is not a
regular file, and never reads more than ``limit + 1`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from homecare.base.errors import UserError
from homecare.base.text import visible, visible_path

# Open flags: never wait for a FIFO's writer, never make a terminal our controlling one, and
# read bytes as they are on Windows. Each is 0 where the platform does not have it.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 64 * 1024


class Unreadable(UserError):
    """A file that cannot be used as input. ``reason`` says why in words, without the file's
    name (callers that list problems by file add it); ``str()`` names the file."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.reason = reason
        super().__init__(f"{visible_path(path)}: {reason}")


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``; ``Unreadable`` for anything else or if larger
    than ``limit`` bytes. Reads at most ``limit + 1`` bytes, whatever the file claims."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise Unreadable(path, _open_failure(Path(path), error)) from None
    try:
        kind = special_kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise Unreadable(path, f"is {kind}, not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise Unreadable(path, f"cannot be read: {_reason(error)}") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise Unreadable(path, f"is too large (more than {_size_words(limit)})")
    return b"".join(chunks)


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular one is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _open_failure(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError) or (
        isinstance(error, PermissionError) and path.is_dir()  # Windows cannot open a folder
    ):
        return "is a folder, not a regular file"
    if isinstance(error, PermissionError):
        return "cannot be read: permission denied"
    return f"cannot be read: {_reason(error)}"


def _reason(error: OSError) -> str:
    return visible(error.strerror or str(error), limit=200)


def _size_words(limit: int) -> str:
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KiB"
    return f"{limit} bytes"
