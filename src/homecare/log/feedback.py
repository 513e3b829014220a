"""Feedback per exercise over a period, from the ratings logged with each step (easy, right,
hard, painful; homecare.session.feedback): how often each exercise was rated hard or painful,
the clinician's signal to adjust it, and "painful" twice in a row on the same exercise.

An exercise is a step name within a routine (the name the clinician gave it, which stays the
same when steps are reordered or a stage changes its numbers). "In a row" counts the
exercise's answers in order: a session where it was done without an answer, or not done,
tells nothing either way and does not break a run; any other answer does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from homecare.base.text import counted
from homecare.log.store import Session
from homecare.session.feedback import RATINGS

PAINFUL, HARD = "painful", "hard"
IN_A_ROW = 2  # painful this many times running makes a flag


@dataclass
class ExerciseFeedback:
    """The ratings of one exercise (a step name within a routine) over the sessions given."""

    routine_id: str
    routine_title: str  # as the latest session names it
    name: str
    counts: dict[str, int] = field(default_factory=dict)  # rating -> how many times
    painful_run: int = 0  # painful answers in a row up to the latest answer

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def painful(self) -> int:
        return self.counts.get(PAINFUL, 0)

    @property
    def hard(self) -> int:
        return self.counts.get(HARD, 0)

    @property
    def words(self) -> str:
        """E.g. "painful 2, hard 1 of 5 ratings": what the clinician looks for."""
        return f"painful {self.painful}, hard {self.hard} of {counted(self.rated, 'rating')}"

    @property
    def for_the_patient(self) -> str:
        """The History screen's line: each answer given, hardest first ("painful 2, about right
        1 (3 ratings)"), and a word when it keeps hurting."""
        given = [
            f"{rating.label} {self.counts[rating.value]}"
            for rating in reversed(RATINGS)
            if self.counts.get(rating.value)
        ]
        line = f"{self.name} ({self.routine_title}): {', '.join(given)}"
        line += f" ({counted(self.rated, 'rating')})"
        if self.painful_run >= IN_A_ROW:
            line += f"; painful the last {self.painful_run} times: tell your clinician"
        return line


@dataclass(frozen=True)
class PainfulAgain:
    """The answer that made an exercise painful ``times`` times in a row (``IN_A_ROW`` or more)."""

    session: Session
    name: str
    times: int
    since: date  # the local day of the first painful answer of the run

    @property
    def text(self) -> str:
        return f"{self.name}: rated painful {self.times} times in a row (since {self.since})"


def per_exercise(sessions: Iterable[Session]) -> list[ExerciseFeedback]:
    """Each exercise rated at least once in ``sessions`` (oldest first), in the order met."""
    found: dict[tuple[str, str], ExerciseFeedback] = {}
    for session in sessions:
        for step in session.steps:
            if step.feedback is None:
                continue
            key = (session.routine_id, step.name)
            item = found.setdefault(key, ExerciseFeedback(session.routine_id, "", step.name))
            item.routine_title = session.title
            item.counts[step.feedback] = item.counts.get(step.feedback, 0) + 1
            item.painful_run = item.painful_run + 1 if step.feedback == PAINFUL else 0
    return list(found.values())


def painful_in_a_row(sessions: Iterable[Session]) -> list[PainfulAgain]:
    """Every painful answer that follows another on the same exercise, oldest first."""
    runs: dict[tuple[str, str], tuple[int, date]] = {}
    found = []
    for session in sessions:
        for step in session.steps:
            if step.feedback is None:
                continue
            key = (session.routine_id, step.name)
            if step.feedback != PAINFUL:
                runs.pop(key, None)
                continue
            times, since = runs.get(key, (0, session.local_day))
            runs[key] = (times + 1, since)
            if times + 1 >= IN_A_ROW:
                found.append(PainfulAgain(session, step.name, times + 1, since))
    return found
