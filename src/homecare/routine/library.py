"""Finding routines: the patient's imported ones and the bundled examples.

Imported routines live in ``locations.library_dir()`` as ``<id>.toml``, or ``<id>.homecare``
(packed with its pictures) when it has pictures; ``homecare import`` writes them and keeps
replaced versions in a subfolder, which is not listed. The examples ship
with homecare: in an installed wheel they are ``homecare/routines`` (pyproject force-includes
the top-level ``routines/`` folder there); in a source checkout or an editable install the
package has no such folder, so the checkout's own ``routines/`` is used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from homecare.base import locations
from homecare.base.errors import UserError
from homecare.base.reading import Unreadable, read_bounded
from homecare.base.text import visible, visible_path

if TYPE_CHECKING:  # imported with the loader, when a routine is loaded: see _load_file
    from homecare.routine.model import RoutineFile
    from homecare.routine.problems import Problem

_PACKAGE = Path(__file__).resolve().parent.parent  # .../homecare
_INSTALLED_EXAMPLES = _PACKAGE / "routines"
_CHECKOUT_EXAMPLES = _PACKAGE.parent.parent / "routines"  # src/homecare -> the checkout
# A routine file, or a routine packed with its pictures (``homecare.routine.pack``).
ROUTINE_SUFFIXES = (".toml", ".homecare")
# More than any routine file or pack the loader accepts (1 MiB, and a pack's ~22 MiB).
_HASHED_BYTES = 64 * 1024 * 1024


class Catalogue(NamedTuple):
    """The routines that load, the problems of library files that do not, and the folders that
    could not be read at all (their problem is in ``problems`` too)."""

    routines: list[RoutineFile]
    problems: list[Problem]
    unreadable: tuple[Path, ...] = ()


def examples_dir() -> Path | None:
    """The folder of bundled example routines, installed or in the source checkout."""
    if _INSTALLED_EXAMPLES.is_dir():
        return _INSTALLED_EXAMPLES
    if _CHECKOUT_EXAMPLES.is_dir() and (_CHECKOUT_EXAMPLES.parent / "pyproject.toml").is_file():
        return _CHECKOUT_EXAMPLES
    return None


def available() -> list[RoutineFile]:
    """The routines the patient can run: imported ones first, then the examples."""
    return catalogue().routines


def catalogue() -> Catalogue:
    """Like ``available``, plus the problems of files that did not load (none vanish silently)
    and of a folder that cannot be read."""
    from homecare.routine.problems import RoutineError

    found = routine_paths()
    routines: list[RoutineFile] = []
    for origin, path in found.routines:
        try:
            routines.append(_load_file(path, origin))
        except RoutineError as error:
            found.problems.extend(error.problems)
    return Catalogue(routines, found.problems, found.unreadable)


class RoutinePaths(NamedTuple):
    """Every routine file, as (origin, path), library first; the folders that could not be
    read, and their problems."""

    routines: list[tuple[str, Path]]
    problems: list[Problem]
    unreadable: tuple[Path, ...]


def routine_paths() -> RoutinePaths:
    """The files ``catalogue`` loads, without loading them (``homecare list`` may know them)."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    unreadable: list[Path] = []
    for origin, folder in _folders():
        try:
            found += [(origin, path) for path in _routine_files(folder)]
        except OSError as error:
            from homecare.routine.problems import Problem

            problems.append(Problem(visible_path(folder), _folder_problem(error)))
            unreadable.append(folder)
    return RoutinePaths(found, problems, tuple(unreadable))


def example_file_hashes() -> frozenset[str]:
    """The content hash of each bundled example file (the SHA-256 of its bytes, as
    ``load_file`` computes it; a test holds the two equal), without loading any: enough to
    tell an example's sessions apart in the log."""
    import hashlib  # as in the loader: only the commands that hash pay for OpenSSL

    folder = examples_dir()
    hashes = set()
    for path in _routine_files(folder) if folder is not None else []:
        try:
            hashes.add(hashlib.sha256(read_bounded(path, _HASHED_BYTES)).hexdigest())
        except Unreadable:
            continue  # it cannot be loaded either, so no session ran it
    return frozenset(hashes)


def resolve(name_or_path: str) -> RoutineFile:
    """The routine a person named: an existing file, else an id in the library, then examples.

    Anything that exists at the path is loaded (and refused if it is not a routine file), so a
    FIFO or a folder gets its own message, not "no such file".
    """
    path = Path(name_or_path)
    if _exists(path):
        return _load_file(path)
    for origin, folder in _folders():
        for suffix in ROUTINE_SUFFIXES:
            candidate = folder / f"{name_or_path}{suffix}"
            if path.name == name_or_path and _exists(candidate):
                return _load_file(candidate, origin)
    raise UserError(_not_found(name_or_path))


def _load_file(path: Path, origin: str = "file") -> RoutineFile:
    """``loader.load_file``, imported on first use: the routine model, TOML and the checks
    cost every command about 20 ms to import, and ``example_file_hashes`` needs none of them."""
    from homecare.routine.loader import load_file

    return load_file(path, origin)


def _exists(path: Path) -> bool:
    """Whether something is at ``path``; ``UserError`` if its folder cannot be searched."""
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except PermissionError as error:
        raise UserError(f"{visible_path(path.parent)}: {_folder_problem(error)}") from None
    except OSError as error:  # a name too long, a loop of links
        raise UserError(f"{visible_path(path)}: {visible(error.strerror or str(error))}") from None
    return True


def _folder_problem(error: OSError) -> str:
    reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
    return f"cannot read this folder: {visible(str(reason or error), limit=200)}"


def _not_found(name: str) -> str:
    known = sorted({p.stem for _, p in routine_paths().routines})
    if any(mark in name for mark in ("/", "\\", *ROUTINE_SUFFIXES)):
        message = f"no such file: {visible_path(name)}"
    else:
        import difflib  # only for a name that matches nothing (it costs start-up time)

        message = f'no routine called "{visible(name)}"'
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            message += f"; did you mean {close[0]}?"
    if known:
        message += f"\nroutines you can name: {', '.join(known)}"
    return message


def _folders() -> list[tuple[str, Path]]:
    folders = [("library", locations.library_dir())]
    examples = examples_dir()
    if examples is not None:
        folders.append(("example", examples))
    return folders


def _routine_files(folder: Path) -> list[Path]:
    """The routine files in ``folder``, sorted by name; none if it does not exist yet.

    ``OSError`` when the folder exists but cannot be read (``glob`` would say "none").
    """
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if entry.name.endswith(ROUTINE_SUFFIXES) and _is_file(entry)
    )


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
