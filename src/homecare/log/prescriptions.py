"""What was prescribed, and from when: the routines whose schedule makes sessions due.

A schedule without a ``start`` starts on the routine's ``issued`` date, else on the day it was
imported into the patient's library, else on the day of its first session; ``weeks`` and
``end`` count from there, and nothing is due before the start or after the end. Bundled
examples are never prescriptions: nothing is due for them, and their sessions are left out of
reports unless asked for. Routines come from the log's record of each version used (so a report
can be written after a file is gone) and from the library (so a routine imported today is due
from today, before its first session).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from homecare.log.store import LogStore, RoutineVersion
from homecare.routine.library import available, example_file_hashes

if TYPE_CHECKING:  # only named here: `homecare history` never loads the routine model
    from homecare.routine.model import RoutineFile, Schedule

EXAMPLE = "example"


@dataclass(frozen=True)
class Prescription:
    """A routine as the counts see it: ``schedule`` has its start filled in (None: nothing is
    ever due, e.g. an example or a routine without a schedule)."""

    version: RoutineVersion
    schedule: Schedule | None
    example: bool

    @property
    def routine_id(self) -> str:
        return self.version.routine_id


@dataclass(frozen=True)
class Prescriptions:
    """Every routine known, by id, and the routine versions (content hashes) of examples."""

    by_id: dict[str, Prescription]
    example_hashes: frozenset[str]

    def prescribed(self) -> list[Prescription]:
        return [p for p in self.by_id.values() if not p.example]


def imported_on(routine_file: RoutineFile) -> date | None:
    """The local day a library routine was imported: its file was written then (an import
    replaces the file whole); None for examples and files run from elsewhere."""
    if routine_file.origin != "library":
        return None
    try:
        return datetime.fromtimestamp(Path(routine_file.path).stat().st_mtime).date()
    except (OSError, ValueError, OverflowError):
        return None


def version_of(routine_file: RoutineFile) -> RoutineVersion:
    """The log's record of a routine file (the whole file, when it runs one of its stages)."""
    routine = routine_file.whole_routine
    return RoutineVersion(
        content_hash=routine_file.content_hash,
        routine_id=routine.id,
        title=routine.title,
        prescribed_by=routine.prescribed_by,
        patient=routine.patient,
        contact=routine.contact,
        schedule=routine.schedule,
        issued=routine.issued,
        imported=imported_on(routine_file),
        origin=routine_file.origin,
    )


def started(
    version: RoutineVersion, first_session: date | None, example: bool = False
) -> Schedule | None:
    """``version``'s schedule with its start filled in by the rule above (None if never due).

    A first session before the import day wins: the file was edited or imported again after
    the routine was already in use, which does not make the earlier days not due.
    """
    schedule = version.schedule
    if schedule is None or example:
        return None
    start = start_of(version, first_session)
    return replace(schedule, start=start) if start is not None else schedule


def start_of(version: RoutineVersion, first_session: date | None) -> date | None:
    """The prescription's first day by the rule above (None: not known before a session)."""
    scheduled = version.schedule.start if version.schedule is not None else None
    known = [day for day in (version.imported, first_session) if day is not None]
    return scheduled or version.issued or (min(known) if known else None)


def prescription_of(routine_file: RoutineFile, first_session: date | None) -> Prescription:
    version = version_of(routine_file)
    example = routine_file.origin == EXAMPLE
    return Prescription(version, started(version, first_session, example), example)


def prescriptions(store: LogStore, library: Iterable[RoutineFile] = ()) -> Prescriptions:
    """The routines of the log and of ``library`` (the patient's files and the examples).

    A routine in the library is taken as it is now; one known only to the log, as its latest
    version there. A version logged before the log knew origins (version 3) is an example when
    it is a bundled example's file, or has an example's id and no library routine has that id.
    """
    library = list(library)
    examples = {f.routine.id: f for f in library if f.origin == EXAMPLE}
    own = {f.routine.id for f in library if f.origin == "library"}
    bundled = {f.content_hash for f in examples.values()}
    example_hashes = set(bundled)
    by_id: dict[str, Prescription] = {}
    for version in store.routine_versions():
        example = version.origin == EXAMPLE or (
            version.origin is None
            and (
                version.content_hash in bundled
                or (version.routine_id in examples and version.routine_id not in own)
            )
        )
        if example:
            example_hashes.add(version.content_hash)
        first = store.first_day(version.routine_id)
        by_id[version.routine_id] = Prescription(version, started(version, first, example), example)
    for routine_file in library:
        routine_id = routine_file.routine.id
        if routine_file.origin == EXAMPLE and routine_id in own:
            continue  # the patient's own routine of that id is the one prescribed
        by_id[routine_id] = prescription_of(routine_file, store.first_day(routine_id))
    return Prescriptions(by_id, frozenset(example_hashes))


def example_hashes(store: LogStore) -> frozenset[str]:
    """``prescriptions(store, available()).example_hashes`` without loading a routine, for a
    list of sessions (``homecare history``): the versions the log records as examples and the
    bundled example files' hashes. A log with versions from before it recorded origins needs
    the whole rule above, which reads the library."""
    origins = store.routine_origins()
    if any(origin is None for _, origin in origins):
        return prescriptions(store, available()).example_hashes
    logged = {content_hash for content_hash, origin in origins if origin == EXAMPLE}
    return frozenset(logged) | example_file_hashes()
