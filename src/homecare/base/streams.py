"""The standard streams, set up in one place for every command.

- A console that cannot show a character (cp1252 on Windows, ``PYTHONIOENCODING``, a C locale)
  gets ``?`` instead of a ``UnicodeEncodeError``: routine titles may be in any script.
- A standard stream that was closed (``homecare run x <&-``) reads as empty or writes nowhere,
  and its descriptor is taken by the null device, so no file opened later lands on 0, 1 or 2.
- When the output goes away (``homecare history | head -c1``, a full disk behind ``>``) the
  command ends quietly: ``output_failed`` tells the CLI so, and the rest of the output is
  dropped so Python's own flush at exit does not fail again.
"""

from __future__ import annotations

import errno
import os
import sys
from contextlib import suppress
from typing import TextIO

_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_STANDARD = (
    ("stdin", os.O_RDONLY, "r"),
    ("stdout", os.O_WRONLY, "w"),
    ("stderr", os.O_WRONLY, "w"),
)


def prepare() -> None:
    """Make the three standard streams safe to use for the rest of the process."""
    for number, (name, flags, mode) in enumerate(_STANDARD):
        if getattr(sys, name) is None:  # Python sets a closed standard stream to None
            setattr(sys, name, _null_stream(number, flags, mode))
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _null_stream(number: int, flags: int, mode: str) -> TextIO:
    descriptor = os.open(os.devnull, flags)
    if descriptor != number:
        os.dup2(descriptor, number)
        os.close(descriptor)
    return open(number, mode, encoding="utf-8", errors="replace", closefd=False)  # type: ignore[return-value]  # text mode: a TextIO


def output_failed(error: OSError) -> bool:
    """Whether ``error`` means standard output can no longer be written: a closed pipe, or a
    full or failing disk behind it (an error writing a named file carries that file's name,
    and homecare's own files report theirs in words). If so, the rest of the output is dropped
    (see the module docstring)."""
    broken = isinstance(error, BrokenPipeError)
    if not broken and (error.filename is not None or error.errno not in _OUTPUT_ERRORS):
        return False
    discard_output()
    return True


def discard_output() -> None:
    """Point standard output at the null device, so nothing more is written or flushed to it."""
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (False for a closed or replaced stream)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def require_terminal(what: str) -> None:
    """``UserError`` unless standard input and output are both a terminal: a full-screen
    ``what`` cannot run from a file or a pipe (it would wait for keys that never come)."""
    if not (is_terminal(sys.stdin) and is_terminal(sys.stdout)):
        from homecare.base.errors import UserError

        raise UserError(
            f"{what} needs a terminal for its input and output; "
            "from a script or a pipe, use: homecare run NAME --plain"
        )


def say(message: str) -> None:
    """A line for the person on standard error, even when that is gone too."""
    with suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)
