"""What the log says before a session starts, asked once for both front ends.

Three answers decide what the patient meets before the first cue: which stage of a staged
routine runs today (and where that is: "week 2 of 4, stage 1: ..."), whether this is the
routine's first session (then the red flags are shown), and its latest PSFS (whether one is
due, and about which activities). The app and the plain runner both ask ``before_session``, so
they cannot disagree. A log that cannot be read answers as a first session would: the first
stage, the red flags shown, the PSFS asked; never a reason to skip a safety message.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from homecare.base.errors import UserError
from homecare.log.psfs import last_taken
from homecare.log.stage_today import file_to_run, stage_line
from homecare.log.store import LogStore
from homecare.routine.model import RoutineFile
from homecare.session.psfs import Taken


@dataclass(frozen=True)
class BeforeSession:
    routine_file: RoutineFile  # what runs today: a staged routine's current stage, else itself
    where: str = ""  # where a staged routine is today; "" without stages
    first_session: bool = True  # no session of this routine in the log yet
    last_psfs: Taken | None = None  # the routine's latest PSFS; None if never taken


def before_session(store: LogStore | None, routine_file: RoutineFile, today: date) -> BeforeSession:
    """The log's answers for a session of ``routine_file`` started ``today`` (``store`` None:
    no log to ask)."""
    if store is not None:
        try:
            return _asked(store, routine_file, today)
        except (UserError, sqlite3.Error, OSError):
            pass  # a log that fails now: as if there were none
    return BeforeSession(
        file_to_run(None, routine_file, today), stage_line(None, routine_file, today)
    )


def _asked(store: LogStore, routine_file: RoutineFile, today: date) -> BeforeSession:
    routine_id = routine_file.routine.id
    with_psfs = routine_file.routine.psfs is not None  # the PSFS is read only when it is asked
    return BeforeSession(
        file_to_run(store, routine_file, today),
        stage_line(store, routine_file, today),
        store.count(routine_id=routine_id) == 0,
        last_taken(store, routine_id) if with_psfs else None,
    )
