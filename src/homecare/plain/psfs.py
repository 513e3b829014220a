"""The PSFS in plain text: name the activities (when the routine lists none), then rate each.

Asked by the plain runner after pain before, on a terminal only (from a pipe nothing is asked).
Typing ``later`` (or ``l``) at any of its questions declines it for today: nothing is recorded
and it is asked again at the next session (homecare.session.psfs).
"""

from __future__ import annotations

from collections.abc import Callable

from homecare.base.text import literal
from homecare.plain.input import Asker
from homecare.routine.model import MAX_PSFS_ACTIVITIES
from homecare.session import psfs

LATER_WORDS = ("l", "later")


def ask_psfs(
    ask: Asker, say: Callable[[str], None], questions: psfs.Questions
) -> psfs.Ratings | None:
    """The ratings, or None when the patient said later."""
    say(f"{psfs.TITLE} (PSFS). {psfs.INTRO}")
    say("Type later at any question to be asked next session instead.")
    activities = list(questions.activities)
    if questions.to_name:
        named = _name(ask, say)
        if named is None:
            say(psfs.LATER)
            return None
        activities = named
    say(psfs.SCALE)
    ratings: psfs.Ratings = []
    for number, activity in enumerate(activities, start=1):
        score = _score(ask, f"Activity {number} of {len(activities)}: {literal(activity)}")
        if score is None:
            say(psfs.LATER)
            return None
        ratings.append((activity, score))
    return ratings


def _name(ask: Asker, say: Callable[[str], None]) -> list[str] | None:
    say(psfs.NAME_INTRO)
    named: list[str] = []
    while len(named) < MAX_PSFS_ACTIVITIES:
        more = " (or just Enter when that is all)" if named else ""
        reply = psfs.clean_activity(ask.text(f"Activity {len(named) + 1}{more}: "))
        if reply.lower() in LATER_WORDS:
            return None
        if not reply and named:
            break
        problem = psfs.activity_problem(reply, named)
        if problem:
            say(problem)
        else:
            named.append(reply)
    return named


def _score(ask: Asker, question: str) -> int | None:
    ask.out.write(question + "\n")
    while True:
        reply = ask.text("Type a number from 0 to 10, then Enter: ").lower()
        if reply in LATER_WORDS:
            return None
        if reply in {str(score) for score in range(psfs.LOWEST, psfs.HIGHEST + 1)}:
            return int(reply)
        ask.out.write("Please type a whole number from 0 to 10, or later.\n")
