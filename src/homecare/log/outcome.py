"""Done, partly done, not done: the one rule every count of sessions uses (docs/log.md).

A session is judged by its steps, whatever its status (completed, stopped, interrupted):

- a step the safety check excused does not count against the patient;
- *done*: every other step was completed (a session whose every step was excused is done:
  the patient did all they safely could);
- *partly done*: some step was completed, or the session was stopped in a step after at least
  half of that step's timed exercise (a step the patient skipped never counts, however long
  they spent in it);
- *not done*: nothing was, e.g. every step skipped by pressing "next".

The recorder stores the verdict with the session (``sessions.outcome``), so the home screen,
the History calendar, ``homecare history``, adherence, streaks and every report count the same
sessions and can do it in one indexed query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

DONE = "done"
PARTLY_DONE = "partly_done"
NOT_DONE = "not_done"
OUTCOMES = (DONE, PARTLY_DONE, NOT_DONE)
WORDS = {DONE: "done", PARTLY_DONE: "partly done", NOT_DONE: "not done"}

# What became of one step, as the log's steps table keeps it.
STEP_DONE = "done"
STEP_SKIPPED = "skipped"  # by the patient (or before the engine told why)
STEP_EXCUSED = "excused"  # left out by the safety check: not against the patient
STEP_STOPPED = "stopped"  # the step in progress when the session was stopped


class StepLike(Protocol):
    @property
    def outcome(self) -> str: ...
    @property
    def exercise_seconds(self) -> float: ...
    @property
    def exercise_planned_seconds(self) -> float: ...


def judge(steps_total: int, steps: Iterable[StepLike]) -> str:
    """The verdict for a session from its recorded steps (homecare.log.store.StepOutcome)."""
    steps = list(steps)
    kinds = [step.outcome for step in steps]
    work = any(
        step.outcome == STEP_STOPPED
        and step.exercise_planned_seconds > 0
        and step.exercise_seconds >= step.exercise_planned_seconds / 2
        for step in steps
    )
    return session_outcome(steps_total, kinds.count(STEP_DONE), kinds.count(STEP_EXCUSED), work)


def session_outcome(steps_total: int, steps_done: int, steps_excused: int, some_work: bool) -> str:
    """The verdict for a session with ``steps_total`` steps of which ``steps_done`` were
    completed and ``steps_excused`` excused; ``some_work``: it was stopped in a step after at
    least half of that step's exercise time."""
    if steps_done >= steps_total - steps_excused:
        return DONE
    if steps_done > 0 or some_work:
        return PARTLY_DONE
    return NOT_DONE
