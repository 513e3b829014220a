"""Ice and heat screening: the questions, the cautions and a guide (docs/clinical-basis.md).

Two uses share the same questions:

- the **safety check** before a prescribed ice or heat step (``check``): each answer the
  founding article lists under "do not use ice/heat", and "not sure" on a question that guards
  against harm, becomes a ``Caution`` in plain words. The patient then chooses to skip the step
  or go on; nothing here ever blocks a prescribed step.
- the standalone **"Ice or heat?" guide** (``suggest``): it weighs the "use ice when" and "use
  heat when" lists against the cautions, a caution always winning over a sign, and explains its
  suggestion. It never overrides the clinician's prescription and says so.

Each rule carries its id in docs/clinical-basis.md (ICE-3, HEAT-4, SAFE-2, ...). "Painful"
appears in both the ice and heat lists, so it tells the two apart not at all and is not asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from homecare.routine.model import Routine
from homecare.session import wording
from homecare.session.wording import (  # noqa: F401 (re-exported for the screens)
    FOLLOW_PRESCRIPTION,
    STOP_AND_CALL,
)

ICE = "ice"
HEAT = "heat"
THERAPIES = (ICE, HEAT)
NOT_SURE = "not sure"


@dataclass(frozen=True)
class Answer:
    """One possible answer: ``key`` is the keyboard key, ``value`` what is stored."""

    key: str
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]


def _yes_no(question_id: str, text: str) -> Question:
    return Question(
        question_id,
        text,
        (Answer("y", "yes", "Yes"), Answer("n", "no", "No"), Answer("s", NOT_SURE, "Not sure")),
    )


INJURY_AGE = Question(
    "injury_age",
    "When did this problem start?",
    (
        Answer("1", "recent", "Recently: less than about two weeks ago"),
        Answer("2", "chronic", "Long ago (more than about three weeks), or it keeps coming back"),
        Answer("3", "between", "In between: about two to three weeks ago"),
        Answer("s", NOT_SURE, "Not sure"),
    ),
)
AREA = Question(
    "area",
    "How does the sore area feel?",
    (
        Answer("1", "warm", "Warm, red or swollen"),
        Answer("2", "cold", "Cold, pale or tight"),
        Answer("3", "neither", "Neither"),
        Answer("s", NOT_SURE, "Not sure"),
    ),
)
CIRCULATION = _yes_no("circulation", "Do you have poor circulation in that area?")
BODY = Question(
    "body",
    "Does your back, or your whole body, feel cold or hot right now?",
    (
        Answer("1", "cold", "Cold"),
        Answer("2", "hot", "Hot"),
        Answer("3", "neither", "Neither"),
    ),
)
SWELLING = _yes_no("swelling", "Is there swelling or flushing (redness) in the area?")

QUESTIONS: tuple[Question, ...] = (INJURY_AGE, AREA, CIRCULATION, BODY, SWELLING)


@dataclass(frozen=True)
class Caution:
    """Why a therapy is not advised: ``reason`` goes to the log, ``explanation`` to the screen."""

    therapy: str
    reason: str
    explanation: str
    rule: str = ""  # its id in docs/clinical-basis.md


@dataclass(frozen=True)
class Decision:
    """What the patient chose for one ice or heat step after the safety check."""

    step_index: int
    therapy: str
    cautions: tuple[Caution, ...]
    skipped: bool

    @property
    def log_reason(self) -> str:
        """For the log, e.g. "safety check: body feels cold" (a skip) or "... went on anyway"."""
        reasons = ", ".join(caution.reason for caution in self.cautions)
        return f"safety check: {reasons}" + ("" if self.skipped else "; went on anyway")


@dataclass(frozen=True)
class _Rule:
    id: str  # the rule's id in docs/clinical-basis.md
    question: str
    answer: str
    therapy: str
    reason: str
    explanation: str


_DO_NOT = (
    _Rule("ICE-3", CIRCULATION.id, "yes", ICE, "poor circulation", wording.ICE_POOR_CIRCULATION),
    _Rule("ICE-4", INJURY_AGE.id, "chronic", ICE, "problem is chronic", wording.ICE_CHRONIC),
    _Rule(
        "AGE-3",
        INJURY_AGE.id,
        "between",
        ICE,
        "problem is two to three weeks old",
        wording.GREY_ZONE,
    ),
    _Rule("ICE-5", BODY.id, "cold", ICE, "body feels cold", wording.ICE_BODY_COLD),
    _Rule("HEAT-3", INJURY_AGE.id, "recent", HEAT, "injury is recent", wording.HEAT_RECENT),
    _Rule("HEAT-4", AREA.id, "warm", HEAT, "area warm, red or swollen", wording.HEAT_WARM_AREA),
    _Rule("HEAT-4", SWELLING.id, "yes", HEAT, "swelling or flushing", wording.HEAT_SWELLING),
    _Rule("HEAT-5", BODY.id, "hot", HEAT, "body feels hot", wording.HEAT_BODY_HOT),
    # SAFE-2: "not sure" on a question that guards against harm is a caution of its own.
    _Rule(
        "SAFE-2",
        INJURY_AGE.id,
        NOT_SURE,
        ICE,
        "not sure when it started",
        wording.NOT_SURE_AGE.format(therapy="ice"),
    ),
    _Rule(
        "SAFE-2",
        CIRCULATION.id,
        NOT_SURE,
        ICE,
        "not sure about circulation",
        wording.NOT_SURE_CIRCULATION,
    ),
    _Rule(
        "SAFE-2",
        INJURY_AGE.id,
        NOT_SURE,
        HEAT,
        "not sure when it started",
        wording.NOT_SURE_AGE.format(therapy="heat"),
    ),
    _Rule("SAFE-2", AREA.id, NOT_SURE, HEAT, "not sure how the area looks", wording.NOT_SURE_AREA),
    _Rule(
        "SAFE-2", SWELLING.id, NOT_SURE, HEAT, "not sure about swelling", wording.NOT_SURE_SWELLING
    ),
)

_USE_WHEN = (
    _Rule("ICE-1", INJURY_AGE.id, "recent", ICE, "", "The problem is recent, which suits ice."),
    _Rule("ICE-2", AREA.id, "warm", ICE, "", "The area is warm, red or swollen, which suits ice."),
    _Rule(
        "HEAT-1",
        INJURY_AGE.id,
        "chronic",
        HEAT,
        "",
        "The problem is old or keeps coming back, which suits heat.",
    ),
    _Rule(
        "HEAT-2", AREA.id, "cold", HEAT, "", "The area is cold, pale or tight, which suits heat."
    ),
)

# An ice prescription older than this: suggest asking the clinician about heat (AGE-4).
ICE_PRESCRIPTION_DAYS = 14


def questions_for(therapies: Iterable[str]) -> tuple[Question, ...]:
    """The questions whose answers can warn against any of ``therapies``, in asking order.

    The safety check asks only these, so a patient in pain answers as few as needed.
    """
    wanted = set(therapies)
    asked = {rule.question for rule in _DO_NOT if rule.therapy in wanted}
    return tuple(question for question in QUESTIONS if question.id in asked)


def check(therapy: str, answers: Mapping[str, str]) -> tuple[Caution, ...]:
    """The cautions against ``therapy`` for these answers (empty: go ahead)."""
    if therapy not in THERAPIES:
        raise ValueError(f"not ice or heat: {therapy!r}")
    return tuple(
        Caution(rule.therapy, rule.reason, rule.explanation, rule.id)
        for rule in _DO_NOT
        if rule.therapy == therapy and answers.get(rule.question) == rule.answer
    )


@dataclass(frozen=True)
class Suggestion:
    """What the guide suggests (``ice``, ``heat`` or None for "ask your clinician") and why."""

    therapy: str | None
    reasons: tuple[str, ...]
    cautions: tuple[Caution, ...]

    @property
    def headline(self) -> str:
        if self.therapy is None:
            return "Your answers do not point clearly to ice or heat: ask your clinician."
        return f"Your answers point to {self.therapy.upper()}."


def suggest(answers: Mapping[str, str]) -> Suggestion:
    """Weigh the "use when" lists against the cautions (a caution always wins); explain."""
    cautions = check(ICE, answers) + check(HEAT, answers)
    reasons = tuple(
        rule.explanation for rule in _USE_WHEN if answers.get(rule.question) == rule.answer
    )
    fits = {
        therapy
        for therapy in THERAPIES
        if any(r.therapy == therapy and answers.get(r.question) == r.answer for r in _USE_WHEN)
        and not any(w.therapy == therapy for w in cautions)
    }
    therapy = fits.pop() if len(fits) == 1 else None
    return Suggestion(therapy, reasons, cautions)


# After a session: when to show the clinic's contact (PAIN-1 in docs/clinical-basis.md: a rule of
# common home-exercise platforms; a rise of about 2 is the 0-10 scale's minimal important change).
PAIN_HIGH = 7
PAIN_RISE = 2


def pain_needs_attention(before: int | None, after: int | None) -> bool:
    """Pain after of 7 or more, or a rise of 2 or more since before the session."""
    if after is None:
        return False
    return after >= PAIN_HIGH or (before is not None and after - before >= PAIN_RISE)


def prescribed_on(routine: Routine) -> date | None:
    """When the prescription began: its schedule's start, else the day it was issued."""
    start = routine.schedule.start if routine.schedule is not None else None
    return start or routine.issued


def ice_prescription_advice(routine: Routine, today: date) -> str | None:
    """AGE-4: an ice routine prescribed more than two weeks ago suggests asking about heat.

    Only a suggestion: the routine itself is never changed.
    """
    since = prescribed_on(routine)
    has_ice = any(step.TYPE == ICE for step in routine.steps)
    if not has_ice or since is None or today - since <= timedelta(days=ICE_PRESCRIPTION_DAYS):
        return None
    return wording.ICE_MAY_BE_OLD
