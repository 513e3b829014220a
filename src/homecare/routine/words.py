"""A routine's schedule and step settings in plain words, for handouts and summaries.

The settings come from the field specifications, so a handout names each value with the same
help text the editor and the format reference use.
"""

from __future__ import annotations

from datetime import date

from homecare.base.text import counted
from homecare.routine.feedback import rated
from homecare.routine.model import WEEKDAYS, Routine, Schedule, Step
from homecare.routine.specs import NumberSpec, TableListSpec, specced_fields

_DAY_NAMES = dict(zip(WEEKDAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
# Fields a handout shows elsewhere: in the heading, the kind line, the instructions and the
# picture (``homecare show`` gives it a line of its own).
# ``feedback`` is said by ``rating``, which knows the routine's.
_SHOWN_ELSEWHERE = ("name", "instructions", "side", "image", "image_alt", "feedback")
RATING_LABEL, RATING_WORDS = (
    "Afterwards",
    "you are asked how it felt: easy, about right, hard or painful",
)


def times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def schedule(sched: Schedule | None) -> str:
    """``"Twice a day on Mon, Wed, Fri, from 2026-11-25 to 2026-12-22"``."""
    if sched is None:
        return "As your clinician told you (no schedule in this routine)."
    how_often = f"{times(sched.times_per_day).capitalize()} a day"
    if sched.days:
        how_often += " on " + ", ".join(_DAY_NAMES[d] for d in sched.days)
    else:
        how_often += ", every day"
    if sched.start is not None:
        how_often += f", from {_day(sched.start)}"
    if sched.last_day is not None:
        how_often += f" to {_day(sched.last_day)}"
    elif sched.weeks is not None:
        how_often += f", for {counted(sched.weeks, 'week')}"
    return how_often + "."


def _day(d: date) -> str:
    return d.isoformat()


def value(val: object, spec: object) -> str:
    """One field's value as a person reads it: ``"10 seconds"``, ``"yes"``, ``"left"``."""
    if isinstance(val, bool):
        return "yes" if val else "no"
    if isinstance(spec, NumberSpec) and val is not None:
        return f"{val} {spec.unit[:-1] if val == 1 and spec.unit.endswith('s') else spec.unit}"
    return str(val)


def settings(item: object) -> list[tuple[str, str]]:
    """(help text, value) for every set field of a step or interval phase, in file order.

    A flag that is off is left out, like an empty text: "ready: no" would only be noise.

    Lists of tables (an interval's phases) are left to the caller, which shows them as a list.
    """
    rows = []
    for field, spec in specced_fields(type(item)):
        val = getattr(item, field.name)
        if field.name in _SHOWN_ELSEWHERE or isinstance(spec, TableListSpec):
            continue
        if val is None or val == "" or val is False:
            continue
        rows.append((spec.help[:1].upper() + spec.help[1:], value(val, spec)))
    return rows


def rating(routine: Routine, step: Step) -> list[tuple[str, str]]:
    """The row that says the patient is asked how ``step`` felt, if it is rated (feedback)."""
    return [(RATING_LABEL, RATING_WORDS)] if rated(routine, step) else []


def step_kind(step: Step) -> str:
    """The step type in words, with the side: ``"pir, left then right"``."""
    sides = [s for s in step.sides if s]
    return step.TYPE + (", " + " then ".join(sides) if sides else "")
