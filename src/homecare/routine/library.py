"""Finding routines: the patient's imported ones and the bundled examples.

Imported routines live in ``locations.library_dir()`` as ``<id>.toml``, or ``<id>.homecare``
(packed with its pictures) when it has pictures; ``homecare import`` writes them and keeps
replaced versions in a subfolder, which is not listed. The examples ship
with homecare: in an installed wheel they are ``homecare/routines`` (pyproject force-includes
the top-level ``routines/`` folder there); in a source checkout or an editable install the
package has no such folder, so the checkout's own ``routines/`` is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from homecare import locations
from homecare.errors import UserError
from homecare.routine.loader import load_file
from homecare.routine.model import RoutineFile
from homecare.routine.problems import Problem, RoutineError
from homecare.routine.textpolicy import visible, visible_path

_PACKAGE = Path(__file__).resolve().parent.parent  # .../homecare
_INSTALLED_EXAMPLES = _PACKAGE / "routines"
_CHECKOUT_EXAMPLES = _PACKAGE.parent.parent / "routines"  # src/homecare -> the checkout
# A routine file, or a routine packed with its pictures (``homecare.routine.pack``).
ROUTINE_SUFFIXES = (".toml", ".homecare")


class Catalogue(NamedTuple):
    """The routines that load, and the problems of library files that do not."""

    routines: list[RoutineFile]
    problems: list[Problem]


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
    """Like ``available``, plus the problems of files that did not load (none vanish silently)."""
    routines: list[RoutineFile] = []
    problems: list[Problem] = []
    for origin, path in _routine_paths():
        try:
            routines.append(load_file(path, origin))
        except RoutineError as error:
            problems += error.problems
    return Catalogue(routines, problems)


def resolve(name_or_path: str) -> RoutineFile:
    """The routine a person named: an existing file, else an id in the library, then examples."""
    path = Path(name_or_path)
    if path.is_file() or path.is_dir():
        return load_file(path)
    for origin, folder in _folders():
        for suffix in ROUTINE_SUFFIXES:
            candidate = folder / f"{name_or_path}{suffix}"
            if path.name == name_or_path and candidate.is_file():
                return load_file(candidate, origin)
    raise UserError(_not_found(name_or_path))


def _not_found(name: str) -> str:
    known = sorted({p.stem for _, p in _routine_paths()})
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


def _routine_paths() -> list[tuple[str, Path]]:
    """(origin, path) of every routine file, library first, each folder sorted by name."""
    return [
        (origin, path)
        for origin, folder in _folders()
        for path in sorted(p for suffix in ROUTINE_SUFFIXES for p in folder.glob(f"*{suffix}"))
        if path.is_file()
    ]
