"""How long a routine's timed phases last, from the routine alone.

``homecare check`` warns about a session over an hour without compiling the session's plan
(which lives a layer up, in ``homecare.session.plan``). The plan stays the authority on each
phase; a property test (tests/routine/test_timing.py) checks that these totals equal the
plan's for every valid routine.
"""

from __future__ import annotations

from homecare.routine.model import (
    HeatStep,
    IceStep,
    IntervalStep,
    PirStep,
    RepsStep,
    RestStep,
    Routine,
    Step,
    StretchStep,
)

# Time to change sides for a step without its own setup time (reps), or whose setup time is 0.
# Common practice, not from the founding article; it matches the default setup time.
SWITCH_SIDES_SECONDS = 10


def routine_seconds(routine: Routine) -> float:
    """The timed phases of every step, added up (untimed ones last as long as the patient)."""
    return float(sum(step_seconds(step) for step in routine.steps))


def step_seconds(step: Step) -> float:
    if isinstance(step, PirStep):
        return _per_side(
            step, step.setup_seconds, step.cycles * (step.contract_seconds + step.relax_seconds)
        )
    if isinstance(step, StretchStep):
        rests = (step.reps - 1) * (step.rest_seconds or 0)
        return _per_side(step, step.setup_seconds, step.reps * step.hold_seconds + rests)
    if isinstance(step, RepsStep):
        return _per_side(step, None, (step.sets - 1) * (step.rest_seconds or 0))
    if isinstance(step, (IceStep, HeatStep)):
        return round(step.minutes * 60)  # minutes may be decimal: whole seconds
    if isinstance(step, RestStep):
        return 0 if step.until_ready or step.seconds is None else step.seconds
    if isinstance(step, IntervalStep):
        return step.rounds * sum(phase.seconds for phase in step.phases)
    raise TypeError(f"no timing for {type(step).__name__}")


def _per_side(step: Step, setup_seconds: int | None, body: float) -> float:
    """A sided step: the setup on the first side, a switch before each later one, the body on
    each (as ``homecare.session.plan`` unrolls it)."""
    sides = len(step.sides)
    switches = (sides - 1) * (setup_seconds or SWITCH_SIDES_SECONDS)
    return (setup_seconds or 0) + switches + sides * body
