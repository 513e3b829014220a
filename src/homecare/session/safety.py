"""Ice and heat screening, from shared/clinical.md: the questions, the cautions and a guide.

Two uses share the same questions:

- the **safety check** before a prescribed ice or heat step (``check``): each answer that
  clinical.md lists under "Do NOT use ice/heat" becomes a ``Caution`` in plain words. The patient
  then chooses to skip the step or go on; nothing here ever blocks a prescribed step.
- the standalone **"Ice or heat?" guide** (``suggest``): it weighs the "Use ice when" and "Use
  heat when" lists against the cautions and explains its suggestion. It never overrides the
  clinician's prescription and says so.

The only rules here are clinical.md's. "Painful" appears in both the ice and heat lists, so it
tells the two apart not at all and is not asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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
        Answer("2", "chronic", "Long ago (more than two to three weeks), or it keeps coming back"),
        Answer("s", NOT_SURE, "Not sure"),
    ),
)
AREA = Question(
    "area",
    "How does the sore area feel?",
    (
        Answer("1", "warm", "Warm, red or swollen"),
        Answer("2", "cold", "Cold, pale or tight"),
        Answer("s", NOT_SURE, "Neither, or not sure"),
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
    question: str
    answer: str
    therapy: str
    reason: str
    explanation: str


_DO_NOT = (
    _Rule(CIRCULATION.id, "yes", ICE, "poor circulation",
          "Ice is not advised where circulation is poor."),
    _Rule(INJURY_AGE.id, "chronic", ICE, "problem is chronic",
          "Ice is meant for recent problems. For a spasm older than two to three weeks, "
          "the usual advice is heat instead."),
    _Rule(BODY.id, "cold", ICE, "body feels cold",
          "Ice is not advised while your back or your whole body feels cold."),
    _Rule(INJURY_AGE.id, "recent", HEAT, "injury is recent",
          "Heat is not advised for an injury that happened recently (under about two weeks)."),
    _Rule(SWELLING.id, "yes", HEAT, "swelling or flushing",
          "Heat is not advised where there is swelling or flushing (redness)."),
    _Rule(BODY.id, "hot", HEAT, "body feels hot",
          "Heat is not advised while your back or your whole body feels hot."),
)  # fmt: skip

_USE_WHEN = (
    _Rule(INJURY_AGE.id, "recent", ICE, "", "The problem is recent, which suits ice."),
    _Rule(AREA.id, "warm", ICE, "", "The area is warm, red or swollen, which suits ice."),
    _Rule(INJURY_AGE.id, "chronic", HEAT, "", "The problem is old or keeps coming back, "
          "which suits heat."),
    _Rule(AREA.id, "cold", HEAT, "", "The area is cold, pale or tight, which suits heat."),
)  # fmt: skip

FOLLOW_PRESCRIPTION = (
    "Follow your clinician's prescription: this guide never changes it. "
    "If you are unsure, ask your clinician."
)


def questions_for(therapies: Iterable[str]) -> tuple[Question, ...]:
    """The questions whose answers can warn against any of ``therapies``, in asking order.

    The safety check asks only these, so a patient in pain answers as few as needed.
    """
    wanted = set(therapies)
    asked = {rule.question for rule in _DO_NOT if rule.therapy in wanted}
    return tuple(question for question in QUESTIONS if question.id in asked)


def check(therapy: str, answers: Mapping[str, str]) -> tuple[Caution, ...]:
    """The cautions clinical.md gives against ``therapy`` for these answers (empty: go ahead)."""
    if therapy not in THERAPIES:
        raise ValueError(f"not ice or heat: {therapy!r}")
    return tuple(
        Caution(rule.therapy, rule.reason, rule.explanation)
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
    """Weigh clinical.md's "use when" lists against its cautions; explain the outcome."""
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


# After a session: when to show the clinic's contact. The thresholds are the app's rule (issue 4),
# not clinical.md's; the advice shown with them is clinical.md's.
PAIN_HIGH = 7
PAIN_RISE = 2
STOP_AND_CALL = (
    "Stop and contact your clinician if pain becomes sharp, spreads, or you feel numbness, "
    "tingling or weakness."
)


def pain_needs_attention(before: int | None, after: int | None) -> bool:
    """Pain after of 7 or more, or a rise of 2 or more since before the session."""
    if after is None:
        return False
    return after >= PAIN_HIGH or (before is not None and after - before >= PAIN_RISE)
