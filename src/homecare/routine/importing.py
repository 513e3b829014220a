"""Adding routine files to the patient's library, safely.

A routine is stored as ``library_dir()/<id>.toml``, a name built from the validated id only:
nothing inside a file chooses where it is written. The file's bytes are copied as they are, so
the content hash the log records is the hash of the clinician's file. A routine whose id is
already in the library is replaced only when the caller says so (after asking the person), and
the old version is kept in ``library_dir()/replaced/<id>-<UTC time>.toml``.

A routine with pictures is stored as ``<id>.homecare``, a pack holding it and its pictures
(``homecare.routine.pack``), so the pictures stay beside it and cannot clash with another
routine's; a pack is copied as it is, a routine file beside its pictures is packed.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from homecare.base import locations
from homecare.base.atomic import write_atomic
from homecare.base.errors import UserError
from homecare.base.reading import Unreadable, read_bounded
from homecare.base.text import visible
from homecare.routine import pack
from homecare.routine.limits import warnings_for
from homecare.routine.loader import load_file
from homecare.routine.model import MAX_FILE_BYTES, RESERVED_WORDS, Routine, reserved_on_windows
from homecare.routine.pictures import PictureRefused
from homecare.routine.problems import Problem

REPLACED = "replaced"


@dataclass(frozen=True)
class Candidate:
    """A validated file ready to import, and what importing it would do."""

    source: Path
    data: bytes
    routine: Routine
    warnings: tuple[Problem, ...]
    destination: Path
    existing: Path | None  # the library file with the same id, if there is one

    @property
    def unchanged(self) -> bool:
        """True when the library already holds exactly these bytes.

        ``UserError`` when the library's file cannot be read (its permissions, a disk error).
        """
        if self.existing is None:
            return False
        try:
            return read_bounded(self.existing, MAX_FILE_BYTES) == self.data
        except Unreadable as error:
            raise UserError(
                f"cannot read {_shown(self.existing)} (the version of {self.routine.id!r} in your "
                f"library) to compare it with {_shown(self.source)}: it {error.reason}"
            ) from None


@dataclass(frozen=True)
class ImportResult:
    routine: Routine
    destination: Path
    kept: Path | None  # where the replaced version was kept
    unchanged: bool  # the same file was already in the library; nothing was written


class NeedsConfirmation(UserError):
    """The library has another version of this routine; replacing it needs a yes."""

    def __init__(self, candidate: Candidate) -> None:
        self.candidate = candidate
        super().__init__(
            f"{_shown(candidate.source)}: your library already has a routine with the id "
            f"{candidate.routine.id!r}; confirm to replace it (the old version is kept)"
        )


def library_path(routine_id: str, suffix: str = ".toml") -> Path:
    """``library_dir()/<id><suffix>``, refusing any id that is not a plain file name stem."""
    library = locations.library_dir()
    path = library / f"{routine_id}{suffix}"
    unsafe = not routine_id or routine_id.startswith(".") or any(c in routine_id for c in "\\/:")
    if unsafe or path.parent != library:
        raise UserError(f"the routine id {routine_id!r} cannot be used as a file name")
    if reserved_on_windows(routine_id):
        raise UserError(f"the routine id {routine_id!r} {RESERVED_WORDS}")
    return path


def prepare(source: Path) -> Candidate:
    """Read and validate ``source``; raise ``RoutineError`` (every problem) if it is not valid.

    The bytes to copy are read again and must hash to what the loader checked, so a file that
    changes while it is imported is refused rather than copied unchecked.
    """
    loaded = load_file(source)
    data = read_bounded(loaded.path, MAX_FILE_BYTES)
    if hashlib.sha256(data).hexdigest() != loaded.content_hash:
        raise UserError(f"{_shown(source)}: the file changed while it was being imported")
    suffix = ".toml"
    if loaded.routine.has_pictures or pack.is_pack(loaded.path):  # a pack is kept as one
        suffix = pack.SUFFIX
        try:
            data = pack.pack_file(loaded, data)
        except PictureRefused as refused:
            raise UserError(
                f"{_shown(source)}: a picture changed while it was being imported: {refused}"
            ) from None
    destination = library_path(loaded.routine.id, suffix)
    others = [library_path(loaded.routine.id, s) for s in (".toml", pack.SUFFIX) if s != suffix]
    existing = next((p for p in (destination, *others) if p.is_file()), None)
    return Candidate(
        source=loaded.path,
        data=data,
        routine=loaded.routine,
        warnings=tuple(warnings_for(loaded.routine, _shown(source))),
        destination=destination,
        existing=existing,
    )


def install(
    candidate: Candidate, replace: bool = False, now: datetime | None = None
) -> ImportResult:
    """Write a prepared routine into the library (see the module docstring for the rules)."""
    if candidate.unchanged:
        return ImportResult(candidate.routine, candidate.destination, None, unchanged=True)
    kept = None
    try:
        if candidate.existing is not None:
            if not replace:
                raise NeedsConfirmation(candidate)
            kept = _keep_old_version(candidate.existing, candidate.routine.id, now)
        candidate.destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(candidate.destination, candidate.data, overwrite=True)
        if candidate.existing not in (None, candidate.destination):  # now packed, or no more
            candidate.existing.unlink()
    except OSError as error:
        raise UserError(
            f"could not add {_shown(candidate.source)} to your library in "
            f"{_shown(locations.library_dir())}: {error.strerror or error}"
        ) from None
    return ImportResult(candidate.routine, candidate.destination, kept, unchanged=False)


def import_routine(
    source: Path, replace: bool = False, now: datetime | None = None
) -> ImportResult:
    """Validate ``source`` and add it to the library: the one call the app's Import action needs.

    Raises ``RoutineError`` for an invalid file and ``NeedsConfirmation`` when another version
    with the same id is in the library and ``replace`` is false.
    """
    return install(prepare(source), replace=replace, now=now)


def _keep_old_version(existing: Path, routine_id: str, now: datetime | None) -> Path:
    """Copy the library's current file to ``replaced/<id>-<UTC time><suffix>`` (never
    overwriting)."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    folder = existing.parent / REPLACED
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"{routine_id}-{stamp}{existing.suffix}"
    counter = 1
    while kept.exists():
        counter += 1
        kept = folder / f"{routine_id}-{stamp}-{counter}{existing.suffix}"
    shutil.copy2(existing, kept)
    return kept


def _shown(path: Path) -> str:
    return visible(str(path), limit=200)
