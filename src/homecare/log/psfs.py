"""The Patient-Specific Functional Scale in the log: the last one taken (for when it is next
due) and its course over a report's period (for the clinician).

Each taking is the ratings of one session (``Session.psfs``); its score is the mean of its
activity scores. The report shows, per routine, every taking in the period and the change of the
mean from the first to the last, marked against the 2-point change that Stratford et al. (1995)
give as the smallest the PSFS tells from measurement error (PSFS-4 in docs/clinical-basis.md);
an activity rated in both whose score moved 3 points or more is named too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from homecare.log.store import LogStore, Session
from homecare.session.psfs import ACTIVITY_CHANGE_MARK, MEAN_CHANGE_MARK, Taken, mean

SOURCE = "Stratford et al. 1995"
MARK_WORDS = (
    f"{MEAN_CHANGE_MARK:g}-point change in the mean score commonly cited for the PSFS as the "
    f"minimal detectable change ({SOURCE})"
)
HEADING = "Patient-Specific Functional Scale (PSFS)"
ABOUT = (
    "The patient rates activities they find hard from 0 (unable to perform) to 10 (able to "
    "perform at the same level as before the problem); the score is the mean. A published, "
    f"freely usable measure ({SOURCE}). A change of the mean by {MEAN_CHANGE_MARK:g} points or "
    f"more ({ACTIVITY_CHANGE_MARK} on one activity) is the commonly cited minimal detectable "
    "change: smaller changes may be measurement error."
)
CHART_CAPTION = (
    "The PSFS mean score of each taking, 0 to 10 (higher is better). The dotted lines are "
    f"{MEAN_CHANGE_MARK:g} points above and below the first: the commonly cited minimal "
    "detectable change."
)


def last_taken(store: LogStore, routine_id: str) -> Taken | None:
    """The routine's latest PSFS (local day and activities), or None if it was never taken."""
    found = store.last_psfs(routine_id)
    if found is None:
        return None
    day, ratings = found
    return Taken(day, tuple(rating.activity for rating in ratings))


@dataclass(frozen=True)
class Course:
    """One routine's PSFS takings in a period, oldest first (never empty)."""

    routine_id: str
    title: str
    takings: tuple[Session, ...]

    @property
    def first(self) -> Session:
        return self.takings[0]

    @property
    def last(self) -> Session:
        return self.takings[-1]

    @property
    def comparable(self) -> bool:
        """The first and last takings rated the same activities: the PSFS compares a patient's
        scores on the same activities, so means over other activities tell no change."""
        first = {rating.activity for rating in self.first.psfs}
        return first == {rating.activity for rating in self.last.psfs}

    @property
    def change(self) -> float | None:
        """The mean's change from the first taking to the last (None with only one, or when
        they rated different activities)."""
        if len(self.takings) < 2 or not self.comparable:
            return None
        return round(score(self.last) - score(self.first), 2)

    @property
    def reaches_mark(self) -> bool:
        change = self.change
        return change is not None and abs(change) >= MEAN_CHANGE_MARK

    @property
    def activities(self) -> list[str]:
        """Every activity rated in the period, in the order first asked."""
        names: dict[str, None] = {}
        for session in self.takings:
            names.update((rating.activity, None) for rating in session.psfs)
        return list(names)

    def activity_changes(self) -> list[tuple[str, int]]:
        """Activities rated first and last whose score moved by ``ACTIVITY_CHANGE_MARK`` or more."""
        before = {r.activity: r.score for r in self.first.psfs}
        return [
            (r.activity, r.score - before[r.activity])
            for r in self.last.psfs
            if r.activity in before and abs(r.score - before[r.activity]) >= ACTIVITY_CHANGE_MARK
        ]


def score(session: Session) -> float:
    """The session's PSFS score: the mean of its activity scores."""
    return mean([rating.score for rating in session.psfs])


def means(course: Course) -> list[tuple[date, float]]:
    """Each taking's local day and mean score, for the report's chart."""
    return [(session.local_day, score(session)) for session in course.takings]


def courses(sessions: Iterable[Session]) -> list[Course]:
    """The PSFS takings among ``sessions`` (oldest first), one course per routine."""
    by_routine: dict[str, list[Session]] = {}
    for session in sessions:
        if session.psfs:
            by_routine.setdefault(session.routine_id, []).append(session)
    return [
        Course(routine_id, taken[-1].title, tuple(taken))
        for routine_id, taken in by_routine.items()
    ]


def change_words(course: Course) -> str:
    """The course in a sentence, e.g. "PSFS mean 3.0 on 2026-11-02 -> 5.4 on 2026-11-30: up 2.4
    points, at least the 2-point change in the mean score commonly cited ..."."""
    first, last = course.first, course.last
    start = f"PSFS mean score {score(first):.1f} on {first.local_day}"
    change = course.change
    if len(course.takings) < 2:
        return f"{start} (taken once in this period; no change to show yet)."
    text = f"{start} -> {score(last):.1f} on {last.local_day}: "
    if change is None:  # not comparable
        text += "the activities rated changed in between, so the two means are not compared."
    else:
        way = "up (better)" if change > 0 else "down (worse)" if change < 0 else "unchanged"
        amount = f" {_points(abs(change))}" if change else ""
        judged = f"{'at least' if course.reaches_mark else 'less than'} the {MARK_WORDS}"
        text += f"{way}{amount}, {judged}."
    moved = course.activity_changes()
    if moved:
        named = "; ".join(f"{activity} {value:+d}" for activity, value in moved)
        text += f" Activities that moved {ACTIVITY_CHANGE_MARK} points or more: {named}."
    return text


def for_the_patient(course: Course) -> str:
    """The course for the patient's History: "Back: 3.0 on 2026-11-02, now 5.4 (better by 2.4
    points)"; their own scores, without the report's talk of measurement error."""
    first, last = course.first, course.last
    text = f"{course.title}: {score(first):.1f} on {first.local_day}"
    change = course.change
    if len(course.takings) > 1 and not course.comparable:
        return (
            text + f", now {score(last):.1f} on {last.local_day} (other activities: not compared)"
        )
    if change is None:
        return text + " (the first time)"
    way = f"better by {_points(change)}" if change > 0 else "no better"
    if change < 0:
        way = f"worse by {_points(-change)}"
    return text + f", now {score(last):.1f} on {last.local_day} ({way})"


def table(course: Course) -> tuple[list[str], list[list[str]]]:
    """One row per taking: the date, the mean and each activity's score ("–" if not rated)."""
    activities = course.activities
    rows = []
    for session in course.takings:
        scores = {rating.activity: rating.score for rating in session.psfs}
        rows.append(
            [
                session.started.strftime("%Y-%m-%d %H:%M"),
                f"{score(session):.1f}",
                *(str(scores[a]) if a in scores else "–" for a in activities),
            ]
        )
    return ["When", "Mean", *activities], rows


def _points(value: float) -> str:
    return f"{value:.1f} point" + ("" if value == 1 else "s")
