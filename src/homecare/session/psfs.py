"""The Patient-Specific Functional Scale (PSFS): when it is due, what to ask, and its words.

PSFS-1..4 in docs/clinical-basis.md (Stratford et al. 1995): the patient names up to five
activities they find hard and rates each from 0 (unable to perform it) to 10 (able to perform it
at the same level as before the injury or problem); the mean is the score.

homecare asks it at the start of a session of a routine whose file has ``[psfs]``: the first time
(no PSFS of the routine in the log yet), then once ``every_days`` local days have passed since the
last one taken. A day without a session does not move it: it is asked at the next session after
it falls due. Declining ("later") records nothing, so it is asked again at the next session. The
activities are the routine file's; a file that lists none lets the patient name them the first
time, and the ones named are asked again from then on. The flow (homecare.session.flow) applies
these rules; the app and the plain runner only ask and show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from homecare.base.days import add_days
from homecare.base.text import literal
from homecare.routine.model import MAX_PSFS_ACTIVITIES, Psfs, Routine
from homecare.routine.specs import TextListSpec, specced_fields

LOWEST, HIGHEST = 0, 10
# Stratford et al. 1995: a change of about 2 points in the mean score (about 3 on one activity)
# is the smallest that the PSFS tells from measurement error (PSFS-4).
MEAN_CHANGE_MARK = 2.0
ACTIVITY_CHANGE_MARK = 3
ACTIVITY_SPEC = next(spec for _, spec in specced_fields(Psfs) if isinstance(spec, TextListSpec))

TITLE = "Activities you find hard"
INTRO = (
    "Your clinician would like to know how well you can do a few activities your problem makes "
    "hard. Rate each one for today."
)
SCALE = (
    "0 = unable to do the activity, 10 = able to do it at the same level as before your injury "
    "or problem."
)
NAME_INTRO = (
    f"First, name 1 to {MAX_PSFS_ACTIVITIES} activities that are hard for you because of your "
    "problem (for example: putting on socks, sitting for 30 minutes). You will be asked about "
    "the same ones next time."
)
LATER = "Not today: you will be asked at your next session."
Ratings = list[tuple[str, int]]  # (activity, score), in the order asked


@dataclass(frozen=True)
class Taken:
    """A routine's latest PSFS: its local day and the activities rated, in order."""

    day: date
    activities: tuple[str, ...]


@dataclass(frozen=True)
class Questions:
    """The PSFS to ask before this session. No ``activities``: the patient names them first."""

    activities: tuple[str, ...]

    @property
    def to_name(self) -> bool:
        return not self.activities


def next_due(settings: Psfs, last: Taken | None) -> date | None:
    """The first local day the PSFS is due again; None when it was never taken (due now)."""
    return None if last is None else add_days(last.day, settings.every_days)


def questions_for(routine: Routine, last: Taken | None, today: date) -> Questions | None:
    """What to ask before today's session, or None when the PSFS is not due (or not asked)."""
    settings = routine.psfs
    if settings is None:
        return None
    due = next_due(settings, last)
    if due is not None and today < due:
        return None
    activities = settings.activities or (last.activities if last else ())
    return Questions(activities[:MAX_PSFS_ACTIVITIES])


def settings_words(settings: Psfs) -> str:
    """The routine's PSFS in words, for ``homecare show``."""
    days = "day" if settings.every_days == 1 else f"{settings.every_days} days"
    if settings.activities:
        asked = "; ".join(settings.activities)
    else:
        asked = "activities the patient names at the first PSFS"
    return f"asked at the first session, then every {days}: {asked}"


def handout_words(settings: Psfs) -> str:
    """The PSFS as the patient's handout says it: when it is asked, what, and why."""
    days = "day" if settings.every_days == 1 else f"{settings.every_days} days"
    if settings.activities:
        what = f"how well you can do these activities: {'; '.join(settings.activities)}"
    else:
        what = "how well you can do a few activities your problem makes hard (you name them)"
    return (
        f"At your first session, and then every {days}, homecare asks {what}, from 0 (unable) "
        "to 10 (as well as before your problem). Your answers show your clinician how you are "
        "getting on."
    )


MIN_ACTIVITY_LENGTH = 3  # "Sit", "Run": anything shorter names no activity


def activity_problem(text: str, named: Sequence[str]) -> str:
    """Why a named activity cannot be kept ("" when it can); ``text`` as ``clean_activity``
    leaves it."""
    if len(text) < MIN_ACTIVITY_LENGTH:  # "q" is someone trying to quit, not an activity
        return "Type the activity, in a few words."
    if len(text) > ACTIVITY_SPEC.max_length:
        return f"Please keep it to {ACTIVITY_SPEC.max_length} characters (it has {len(text)})."
    if text in named:
        return "That activity is already on the list."
    return ""


def clean_activity(text: str) -> str:
    """What the patient typed, on one line, without control characters or outer spaces."""
    return " ".join(literal(text).split())


def checked(ratings: Sequence[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """The ratings, each (activity, score); ``ValueError`` for a score off the scale or a list
    of the wrong length: nothing wrong reaches the log."""
    if not 1 <= len(ratings) <= MAX_PSFS_ACTIVITIES:
        raise ValueError(f"the PSFS rates 1 to {MAX_PSFS_ACTIVITIES} activities")
    for activity, score in ratings:
        if not activity or isinstance(score, bool) or not LOWEST <= score <= HIGHEST:
            raise ValueError(f"a PSFS score is {LOWEST} to {HIGHEST}, not {score!r}")
    return tuple((activity, score) for activity, score in ratings)


def mean(scores: Sequence[int]) -> float:
    """The PSFS score: the mean of the activity scores."""
    return sum(scores) / len(scores)
