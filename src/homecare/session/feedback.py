"""Feedback per exercise: the one-key rating asked after each rated step, in words and rules.

Which steps are rated is the routine's (``homecare.routine.feedback.rated``: ``feedback = true``
on the routine or the step, exercise steps only). What this module adds is the question itself,
shared by the app and the plain runner, and the rules of asking, which ``Flow`` applies:

- A rated step is asked about once, when it is done (the engine's ``StepCompleted``): a step
  skipped, left out by the safety check or cut short by a stop is not rated.
- The timer waits for the answer. When a rated step ends, the next step's first phase has
  started (its cue is shown); the flow pauses the session there at once, so the patient never
  misses a cue or loses time while answering, and it goes on by itself after the answer. A
  session the patient had paused stays paused. After the last step the question comes before
  the pain question.
- One key answers (1 easy, 2 about right, 3 hard, 4 painful); "no answer" (s or Escape, Enter
  alone in the plain runner) goes on without one. Only an answer is logged, with its step
  (``StepOutcome.feedback``); no answer leaves it empty, as a step never asked about.
- A stop ends the question too (the patient has said enough), and nothing is asked when the
  questions around the session are not (the plain runner reading a pipe).
"""

from __future__ import annotations

from dataclasses import dataclass

from homecare.session import wording

NO_ANSWER_KEY = "s"


@dataclass(frozen=True)
class Rating:
    """One answer: the key that gives it, the word the log keeps, and the word shown."""

    key: str
    value: str  # as the log stores it: easy, right, hard, painful
    label: str


RATINGS = (
    Rating("1", "easy", "easy"),
    Rating("2", "right", "about right"),
    Rating("3", "hard", "hard"),
    Rating("4", "painful", "painful"),
)
VALUES = tuple(rating.value for rating in RATINGS)


@dataclass(frozen=True)
class Question:
    """How did this step feel? ``name`` comes from the routine file: show it literally."""

    step_index: int
    name: str

    @property
    def title(self) -> str:
        return f"Step {self.step_index + 1} done: {self.name}"


QUESTION = "How did it feel?"
TIMER_WAITS = "The timer waits for your answer."
PAINFUL_REPLY = f"Noted for your clinician. {wording.STOP_AND_CALL}"


def choices() -> str:
    """The answers in one line: "1 easy, 2 about right, 3 hard, 4 painful"."""
    return ", ".join(f"{rating.key} {rating.label}" for rating in RATINGS)


def rating_for(reply: str) -> Rating | None:
    """The rating a typed reply means: its key ("3") or its words ("hard", "about right")."""
    reply = reply.strip().lower()
    for rating in RATINGS:
        if reply in (rating.key, rating.value, rating.label):
            return rating
    return None


def reply_to(value: str | None) -> str | None:
    """What to tell the patient after an answer: only "painful" calls for a word (GEN-1)."""
    return PAINFUL_REPLY if value == "painful" else None
