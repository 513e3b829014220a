"""What ``homecare list`` shows of each routine file, remembered so an unchanged file is not
loaded again.

Loading a routine checks every field and builds the routine model; importing the loader and the
model alone costs each ``list`` about 20 ms, more than the rest of the command. The list shows
only a routine's id, title and timed length, so these are kept in a small record in the data
folder (``listed-routines.json``, private like every file homecare writes), for each file by
its path, with the size, modification and change times of the file and of the pictures beside
it that its check read: any of them changed means loading the file again. (Times, not a hash
of the bytes: hashing would load OpenSSL, about as slow as the loader itself.)

The record is only a memo of results homecare computed itself, never trusted further: one from
another homecare, another Python or changed code (a source checkout changes without a new
version) is ignored whole, and so is an entry of the wrong shape or with text no routine file
could hold (a control or invisible character). A damaged, unreadable or unwritable record only
means the files are loaded, as without it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from homecare import __version__
from homecare.base import locations
from homecare.base.errors import UserError
from homecare.base.reading import Unreadable, read_bounded
from homecare.base.text import first_forbidden

if TYPE_CHECKING:  # the loader's types: imported with it, only when a file is loaded
    from homecare.routine.problems import Problem

RECORD_NAME = "listed-routines.json"
_RECORD_BYTES = 1024 * 1024  # a few hundred bytes a routine; anything larger is not ours
_TEXT_LENGTH = 200  # more than a routine's id or title may have

# (name, size, modification time, change time) of each file a routine's check read: the file
# itself first, then the pictures beside it (a pack holds its own).
Files = tuple[tuple[str, int, int, int], ...]


class Listed(NamedTuple):
    """A routine as the list shows it, and the files its check read, as they were."""

    routine_id: str
    title: str
    seconds: float  # a session's length (0 for a staged routine: its stages differ)
    stages: int = 0
    files: Files = ()


class Record:
    """The routines listed before, read once; ``listed`` consults it and ``save`` keeps what
    this listing saw (entries of files gone are dropped, so it never grows past the library)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = _stamp()
        self._known = _read(path, self._stamp)
        self._seen: dict[str, Listed] = {}

    @classmethod
    def of_data_folder(cls) -> Record:
        return cls(locations.data_dir() / RECORD_NAME)

    def listed(self, path: Path, origin: str) -> tuple[Listed | None, list[Problem]]:
        """``path``'s routine as listed, from the record or loaded; or None and its problems
        (as ``loader.check_file``)."""
        known = self._known.get(str(path))
        if known is not None and known.files == _files(path, [name for name, *_ in known.files]):
            self._seen[str(path)] = known
            return known, []
        loaded, problems = _load(path, origin)
        if loaded is not None and loaded.files:
            self._seen[str(path)] = loaded
        return loaded, problems

    def save(self) -> None:
        """Write the record if this listing changed it; a failure only costs the next listing
        its speed."""
        if self._seen == self._known:
            return
        from homecare.base.atomic import write_atomic

        entries = {
            key: [*listed[:4], list(map(list, listed.files))] for key, listed in self._seen.items()
        }
        data = json.dumps({"stamp": self._stamp, "routines": entries}, ensure_ascii=False)
        try:
            write_atomic(self.path, data.encode("utf-8"), overwrite=True)
        except UserError:
            pass


def _load(path: Path, origin: str) -> tuple[Listed | None, list[Problem]]:
    from homecare.routine.loader import load_file
    from homecare.routine.problems import RoutineError
    from homecare.routine.timing import routine_seconds

    before = _files(path, [path.name])
    try:
        routine = load_file(path, origin).routine
    except RoutineError as error:
        return None, list(error.problems)
    pictures = set() if path.suffix == ".homecare" else {step.image for step in routine.all_steps}
    files = _files(path, [path.name, *sorted(name for name in pictures if name)])
    remembered = files if files[:1] == before else ()  # not a file that changed as it loaded
    seconds = 0.0 if routine.stages else routine_seconds(routine)
    return Listed(routine.id, routine.title, seconds, len(routine.stages), remembered), []


def _files(path: Path, names: list[str]) -> Files:
    """Each file named (beside ``path``) with its size and times now; none if one is gone."""
    found = []
    for name in names:
        try:
            status = os.stat(path.parent / name)
        except (OSError, ValueError):  # gone, or a name no file can have
            return ()
        found.append((name, status.st_size, status.st_mtime_ns, status.st_ctime_ns))
    return tuple(found)


def _stamp() -> str:
    """What the results depend on: this homecare, its code (a source checkout changes without
    a new version: the count, size and newest time of its modules) and the Python (its Unicode
    tables decide which characters a text may hold)."""
    count = size = newest = 0
    for folder, folders, names in os.walk(Path(__file__).resolve().parent.parent):
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in names:
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                count, size = count + 1, size + status.st_size
                newest = max(newest, status.st_mtime_ns)
    python = sys.version.split()[0]
    return f"homecare {__version__}, Python {python}, {count} modules, {size} bytes, {newest}"


def _read(path: Path, stamp: str) -> dict[str, Listed]:
    """The record's entries, or none if it is missing, damaged, or from another stamp."""
    try:
        record = json.loads(read_bounded(path, _RECORD_BYTES))
    except (Unreadable, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("stamp") != stamp:
        return {}
    routines = record.get("routines")
    if not isinstance(routines, dict):
        return {}
    return {key: listed for key, value in routines.items() if (listed := _entry(value))}


def _entry(value: Any) -> Listed | None:
    """An entry, if it has the shape homecare writes (id, title, seconds, stages, files) and text a
    routine file could hold (no control or invisible character: the loader's own rule)."""
    if not (isinstance(value, list) and len(value) == 5 and isinstance(value[4], list)):
        return None
    if not value[4]:  # the routine's own file comes first: an entry without it proves nothing
        return None
    routine_id, title, seconds, stages, files = value
    if not all(isinstance(file, list) and len(file) == 4 for file in files):
        return None
    texts = [routine_id, title, *(file[0] for file in files)]
    numbers = [seconds, stages, *(number for file in files for number in file[1:])]
    if not (all(map(_text, texts)) and all(map(_number, numbers)) and type(stages) is int):
        return None
    files = tuple((n, s, m, c) for n, s, m, c in files)
    return Listed(routine_id, title, float(seconds), int(stages), files)


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= _TEXT_LENGTH and not first_forbidden(value)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
