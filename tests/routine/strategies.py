"""Hypothesis strategies for valid routines, derived from the field specifications.

Every specced field gets values across its whole hard range (numbers, text lengths, choices,
dates), so a new field or a changed bound is covered without editing this file. The few rules
that join fields (a rest is timed or waits; a schedule's end follows its start and excludes
weeks) are applied on top. Import as ``routine.strategies`` (tests/ is on sys.path).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from homecare.base.text import FORBIDDEN_CATEGORIES, MULTILINE_ALLOWED
from homecare.routine.model import (
    STEP_TYPES,
    WEEKDAYS,
    Psfs,
    RestStep,
    Routine,
    Schedule,
)
from homecare.routine.specs import (
    ChoiceSpec,
    DateSpec,
    DaysSpec,
    FlagSpec,
    NumberSpec,
    TableListSpec,
    TextListSpec,
    TextSpec,
    specced_fields,
)

_ONE_LINE = st.characters(exclude_categories=[*FORBIDDEN_CATEGORIES, "Cs"])
_MULTILINE = st.one_of(_ONE_LINE, st.sampled_from(MULTILINE_ALLOWED))
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def text_for(spec: TextSpec) -> st.SearchStrategy[str]:
    """Text the loader accepts for ``spec``: allowed characters, within its length and pattern."""
    if spec.pattern:
        return st.from_regex(spec.pattern, fullmatch=True)
    alphabet = _MULTILINE if spec.multiline else _ONE_LINE
    text = st.text(alphabet, min_size=1 if spec.required else 0, max_size=spec.max_length)
    return text.filter(str.strip) if spec.required else text


def value_for(spec: Any, default: Any) -> st.SearchStrategy[Any]:
    """Any valid value of a field with ``spec`` (``default`` too, when it is None)."""
    if isinstance(spec, NumberSpec):
        values: st.SearchStrategy[Any] = st.integers(math.ceil(spec.low), spec.high)
        if not spec.whole:
            values |= st.floats(spec.low, spec.high)
    elif isinstance(spec, TextSpec):
        values = text_for(spec)
    elif isinstance(spec, ChoiceSpec):
        values = st.sampled_from(spec.choices)
    elif isinstance(spec, FlagSpec):
        values = st.booleans()
    elif isinstance(spec, DateSpec):
        values = dates
    elif isinstance(spec, DaysSpec):
        values = st.lists(st.sampled_from(WEEKDAYS), unique=True).map(tuple)
    elif isinstance(spec, TextListSpec):
        item = text_for(TextSpec(spec.max_length, spec.help, required=True))
        values = st.lists(item, max_size=spec.max_items, unique=True).map(tuple)
    else:
        assert isinstance(spec, TableListSpec)
        items = instances_of(spec.item_type)
        values = st.lists(items, min_size=spec.min_items, max_size=min(spec.max_items, 4))
        values = values.map(tuple)
    return st.one_of(st.none(), values) if default is None else values


def instances_of(cls: type, **overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Instances of a model dataclass with every specced field drawn from its spec."""
    fields = {f.name: value_for(spec, f.default) for f, spec in specced_fields(cls)}
    if "image" in fields:  # a picture needs a real file beside the routine: see test_pictures
        fields.update(image=st.just(""), image_alt=st.just(""))
    return st.builds(cls, **{**fields, **overrides})


def _rest_steps() -> st.SearchStrategy[RestStep]:
    timed = instances_of(RestStep, until_ready=st.just(False))
    timed = timed.filter(lambda step: step.seconds is not None)
    waiting = instances_of(RestStep, seconds=st.none(), until_ready=st.just(True))
    return st.one_of(timed, waiting)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    schedule = draw(instances_of(Schedule))
    if schedule.end is not None and schedule.weeks is not None:
        schedule = Schedule(**{**schedule.__dict__, "weeks": None})
    if schedule.start is not None and schedule.end is not None and schedule.end < schedule.start:
        later = schedule.start + timedelta(days=draw(st.integers(0, 400)))
        schedule = Schedule(**{**schedule.__dict__, "end": later})
    return schedule


steps = st.one_of(
    [_rest_steps() if cls is RestStep else instances_of(cls) for cls in STEP_TYPES.values()]
)


def _in_its_format(routine: Routine) -> Routine:
    """A routine in the format its content needs (pictures 2; feedback or a PSFS 3)."""
    return replace(routine, format=max(routine.format, routine.needed_format))


routines = instances_of(
    Routine,
    schedule=st.one_of(st.none(), schedules()),
    steps=st.lists(steps, min_size=1, max_size=6).map(tuple),
    psfs=st.one_of(st.none(), instances_of(Psfs)),
).map(_in_its_format)
