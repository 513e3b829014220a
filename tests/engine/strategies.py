"""Hypothesis strategies for valid routines, for the engine's property tests.

Values stay within each field's hard range (read from the field specs, so they follow the
model), with counts kept small so a generated session has at most a few hundred phases.
"""

from __future__ import annotations

import dataclasses

from hypothesis import strategies as st

from homecare.routine.model import (
    SIDES,
    HeatStep,
    IceStep,
    IntervalPhase,
    IntervalStep,
    PirStep,
    RepsStep,
    RestStep,
    Routine,
    StretchStep,
)
from homecare.routine.specs import NumberSpec, spec_of

# Counts (not durations) are capped so a routine stays quick to walk through.
_COUNT_CAPS = {"cycles": 4, "reps": 4, "sets": 3, "rounds": 3}


def _number(cls: type, name: str) -> st.SearchStrategy[int]:
    field = next(f for f in dataclasses.fields(cls) if f.name == name)
    spec = spec_of(field)
    assert isinstance(spec, NumberSpec)
    return st.integers(spec.low, min(spec.high, _COUNT_CAPS.get(name, spec.high)))


def _numbers(cls: type, *names: str) -> dict[str, st.SearchStrategy[int]]:
    return {name: _number(cls, name) for name in names}


sides = st.sampled_from((None, *SIDES))

pir_steps = st.builds(
    PirStep, side=sides, **_numbers(PirStep, "contract_seconds", "relax_seconds", "cycles",
                                    "setup_seconds"),
)  # fmt: skip
stretch_steps = st.builds(
    StretchStep, side=sides, **_numbers(StretchStep, "hold_seconds", "reps", "rest_seconds",
                                        "setup_seconds"),
)  # fmt: skip
reps_steps = st.builds(RepsStep, side=sides, **_numbers(RepsStep, "reps", "sets", "rest_seconds"))
ice_steps = st.builds(IceStep, area=st.text(max_size=10),
                      **_numbers(IceStep, "minutes", "check_skin_every_minutes"))  # fmt: skip
heat_steps = st.builds(HeatStep, **_numbers(HeatStep, "minutes", "check_skin_every_minutes"))
rest_steps = st.one_of(
    st.builds(RestStep, seconds=_number(RestStep, "seconds")),
    st.builds(RestStep, until_ready=st.just(True)),
)
interval_phases = st.builds(
    IntervalPhase, label=st.text(min_size=1, max_size=10), cue=st.text(max_size=10),
    seconds=_number(IntervalPhase, "seconds"),
)  # fmt: skip
interval_steps = st.builds(
    IntervalStep, rounds=_number(IntervalStep, "rounds"),
    phases=st.lists(interval_phases, min_size=1, max_size=4).map(tuple),
)  # fmt: skip

steps = st.one_of(
    pir_steps, stretch_steps, reps_steps, ice_steps, heat_steps, rest_steps, interval_steps
)
routines = st.builds(
    Routine, title=st.just("Generated"), steps=st.lists(steps, min_size=1, max_size=5).map(tuple)
)
