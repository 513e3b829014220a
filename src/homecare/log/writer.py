"""The log writer: a thread that writes the session, so the timer never waits for the log.

The recorder hands over the whole session at every step boundary (``post``). The queue holds one
state, the latest: each state contains everything before it, so replacing an older one that was
not written yet loses nothing, and the queue can never grow. The thread opens the log itself
(a log kept busy by another program, a full disk or a damaged file cost the timer nothing) and
writes each state durably as soon as the log allows:

- a log that cannot be opened or written is tried again at the next state posted (every step
  boundary and the end) and every ``RETRY_SECONDS`` meanwhile; ``problem`` says why in words;
- a log found damaged is set aside by the store, and the whole session is written to the new
  log; ``notice`` says so, with the name of the file kept.

``close(timeout)`` waits at most ``timeout`` seconds for the last state to be written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from homecare.log.store import (
    LogDamaged,
    LogStore,
    LogUnavailable,
    RoutineVersion,
    Session,
    StepOutcome,
    open_store,
)

RETRY_SECONDS = 5.0
NOT_SAVED = (
    "The session goes on; it is not being saved yet, and will be once the log can be written."
)


def open_checked(path: Path) -> LogStore:
    """The writer's own connection, the whole file checked for damage first."""
    return open_store(path, check=True)


@dataclass(frozen=True)
class SessionState:
    """All of a session to write: the row with every step outcome so far, and its routine."""

    session: Session
    updated: datetime
    routine: RoutineVersion


class LogWriter:
    """Writes the latest ``SessionState`` of one session on a thread of its own."""

    def __init__(
        self,
        path: Path,
        opener: Callable[[Path], LogStore] = open_checked,
        problem: str = "",
        notice: str = "",
    ) -> None:
        self.path = path
        self.problem = problem  # "" or why the log cannot be written now; read by the UI
        self.notice = notice  # "" or news the patient should hear (a damaged log set aside)
        self._opener = opener
        self._changed = threading.Condition()
        self._pending: SessionState | None = None
        self._tried: SessionState | None = None  # the state of the last attempt
        self._failed = False
        self._closing = False
        self._store: LogStore | None = None
        self._session_id: int | None = None
        self._steps_saved: set[StepOutcome] = set()  # in the log under ``_session_id``
        self._thread = threading.Thread(target=self._run, name="homecare-log", daemon=True)
        self._thread.start()

    # -- the caller's side (never blocks on the log) ------------------------------------------

    def post(self, state: SessionState) -> None:
        with self._changed:
            self._pending = state
            self._changed.notify_all()

    @property
    def saved(self) -> bool:
        """True when every state posted is in the log."""
        with self._changed:
            return self._pending is None

    def flush(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the latest state to be tried; True if it is saved."""
        with self._changed:
            self._changed.wait_for(  # by identity: an equal state posted again is still unwritten
                lambda: self._pending is None or self._pending is self._tried, timeout
            )
            return self._pending is None

    def close(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for all to be saved, trying again meanwhile; then let
        the thread end. True if all is saved."""
        with self._changed:
            saved = self._changed.wait_for(lambda: self._pending is None, timeout)
            self._closing = True
            self._changed.notify_all()
        self._thread.join(timeout if saved else 0)
        return saved

    # -- the thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._changed:
                if self._failed and self._pending is self._tried and not self._closing:
                    self._changed.wait(RETRY_SECONDS)  # a new state or time to try again
                while self._pending is None and not self._closing:
                    self._changed.wait()
                state = self._pending
                if state is None or (self._closing and self._failed):
                    break
            written = self._write(state)
            with self._changed:
                self._tried = state
                self._failed = not written
                if written and self._pending is state:
                    self._pending = None
                self._changed.notify_all()
        if self._store is not None:
            self._store.close()

    def _write(self, state: SessionState) -> bool:
        """One attempt (two after damage: the whole session again, to the new log)."""
        for _ in range(2):
            try:
                store = self._open()
                session = replace(state.session, id=self._session_id)
                first = self._session_id is None
                if first:
                    self._steps_saved = set()
                steps = [step for step in session.steps if step not in self._steps_saved]
                saved_as = store.save(
                    session, state.updated, steps, routine=state.routine if first else None
                )
                if not first and saved_as != self._session_id:  # it was not in this log
                    store.save(replace(session, id=saved_as), state.updated, session.steps)
                self._session_id = saved_as
                self._steps_saved.update(session.steps)
            except LogDamaged as damaged:
                self.notice = str(damaged)
                self._session_id = None
                continue
            except Exception as error:  # never die silently: the patient must hear of it
                why = (
                    str(error)
                    if isinstance(error, LogUnavailable)
                    else (f"The session log {self.path} cannot be written: {error}.")
                )
                self.problem = f"{why} {NOT_SAVED}"
                self._drop_store()  # opened afresh next time: a connection may not recover
                return False
            self.problem = ""
            return True
        return False

    def _open(self) -> LogStore:
        if self._store is None:
            self._store = self._opener(self.path)
            if self._store.notice:  # a damaged log was set aside: the session starts afresh
                self.notice = self._store.notice
                self._session_id = None
        return self._store

    def _drop_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
