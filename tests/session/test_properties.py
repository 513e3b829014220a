"""Properties that hold for every valid routine (from the routine helper's strategy)."""

from __future__ import annotations

from hypothesis import given, settings
from routine.strategies import routines

from homecare.session.clock import FakeClock
from homecare.session.engine import Engine, PhaseEnded, PhaseStarted, SessionCompleted
from homecare.session.plan import compile_plan

from .drive import run_left_alone


@given(routines)
def test_the_total_is_the_sum_of_the_timed_phases(routine):
    plan = compile_plan(routine)
    assert plan.total_seconds == sum(p.seconds for p in plan.phases if p.seconds is not None)
    assert all(p.seconds is None or p.seconds > 0 for p in plan.phases)
    assert [p.index for p in plan.phases] == list(range(len(plan.phases)))
    assert {p.step_index for p in plan.phases} == set(range(len(routine.steps)))
    steps = len(routine.steps)
    assert all(str(p.counters[0]) == f"step {p.step_index + 1} of {steps}" for p in plan.phases)


@settings(deadline=None)
@given(routines)
def test_left_alone_the_engine_ends_exactly_at_the_total(routine):
    plan = compile_plan(routine)
    clock = FakeClock()
    engine = Engine(plan, clock)
    events = run_left_alone(engine, clock, to_phase_ends=True)
    assert events[-1] == SessionCompleted()
    assert engine.snapshot().active_seconds == plan.total_seconds
    assert clock.monotonic() - 1000.0 == plan.total_seconds  # untimed phases were confirmed at once
    assert [e.phase for e in events if isinstance(e, PhaseStarted)] == list(plan.phases)
    assert [e.phase for e in events if isinstance(e, PhaseEnded)] == list(plan.phases)
