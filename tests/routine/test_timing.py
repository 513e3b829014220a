"""The routine layer's timing agrees with the plan's phases, for every valid routine."""

from __future__ import annotations

from hypothesis import given

from homecare.routine.timing import routine_seconds
from homecare.session.plan import compile_plan

from .strategies import routines


@given(routines)
def test_a_routines_timed_seconds_are_its_plans_total(routine):
    assert routine_seconds(routine) == compile_plan(routine).total_seconds
