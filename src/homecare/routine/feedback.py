"""Which steps of a routine ask the patient how the exercise felt (``feedback = true``).

A routine's ``feedback`` applies to its exercise steps; a step's own ``feedback`` wins over it
(``true`` on one step of a routine without it, ``false`` on one step of a routine with it).
Only exercises are rated: pir, stretch, reps and interval steps. Ice, heat and rest are not
exercises the clinician would adjust for being hard (ice and heat have their own safety
questions), so those step types have no ``feedback`` field at all and the loader says so.

A file that says ``feedback`` (true or false, anywhere) must say ``format = 3``, as a file with
pictures says format 2: an older homecare then says it needs a newer version rather than
"unknown field feedback".
"""

from __future__ import annotations

from homecare.routine.model import (
    FOLLOW_THROUGH_FORMAT,
    IntervalStep,
    PirStep,
    RepsStep,
    Routine,
    Step,
    StretchStep,
)
from homecare.routine.problems import Problem

RATED_TYPES = (PirStep, StretchStep, RepsStep, IntervalStep)


def rated(routine: Routine, step: Step) -> bool:
    """True when the patient is asked how ``step`` (one of ``routine``'s) felt."""
    if not isinstance(step, RATED_TYPES):
        return False
    own = step.feedback
    return bool(routine.feedback) if own is None else own


def feedback_problems(routine: Routine, file: str) -> list[Problem]:
    """The format rule: a routine that says ``feedback`` must say format 3 (or later)."""
    if routine.says_feedback and routine.format < FOLLOW_THROUGH_FORMAT:
        return [
            Problem(
                file,
                f"a routine with feedback must say format = {FOLLOW_THROUGH_FORMAT} (so an older "
                "homecare says it needs a newer version instead of refusing the feedback field)",
                field="format",
            )
        ]
    return []
