"""A routine compiled to a plan: the flat list of phases the patient goes through.

Each step type unrolls into phases (get into position, contract, relax, ...) with a cue in the
words of docs/clinical-basis.md, a duration or ``None`` ("until the patient confirms"), the side and
counters. The engine only walks this list, and tests and the screen can inspect it. How each
step type unrolls is described in docs/engine.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from homecare.base.text import counted
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
from homecare.routine.timing import SWITCH_SIDES_SECONDS
from homecare.session import wording
from homecare.session.kinds import PhaseKind

# The cue words of PIR-1 (docs/clinical-basis.md).
CONTRACT = "Breathe in and contract gently"
RELAX = "Breathe out, relax, let it lengthen"
SKIN_CHECK = wording.SKIN_CHECK


@dataclass(frozen=True)
class Counter:
    """One "k of n" count: ``Counter("cycle", 2, 3)`` reads "cycle 2 of 3"."""

    label: str
    number: int
    total: int

    def __str__(self) -> str:
        return f"{self.label} {self.number} of {self.total}"


@dataclass(frozen=True)
class Reminder:
    """A cue due ``at_seconds`` into its phase (the skin checks during ice and heat)."""

    at_seconds: float
    text: str


@dataclass(frozen=True)
class Phase:
    """One thing the patient does for a while (or until they confirm, when ``seconds`` is None)."""

    index: int
    step_index: int
    step_name: str
    step_type: str
    kind: PhaseKind
    label: str  # the kind's, or for an interval phase the routine file's
    cue: str
    seconds: float | None
    side: str | None
    counters: tuple[Counter, ...]
    reminders: tuple[Reminder, ...]
    instructions: str

    @property
    def timed(self) -> bool:
        return self.seconds is not None


@dataclass(frozen=True)
class Plan:
    routine: Routine
    phases: tuple[Phase, ...]
    total_seconds: float  # the timed phases only; untimed ones last as long as the patient needs

    def step_phases(self, step_index: int) -> tuple[Phase, ...]:
        return tuple(p for p in self.phases if p.step_index == step_index)


def compile_plan(routine: Routine) -> Plan:
    phases: list[Phase] = []
    for step_index, step in enumerate(routine.steps):
        maker = _PhaseMaker(step, step_index, len(routine.steps))
        phases.extend(_UNROLL[type(step)](maker, step))
    numbered = tuple(replace(p, index=i) for i, p in enumerate(phases))
    total = sum(p.seconds for p in numbered if p.seconds is not None)
    return Plan(routine, numbered, float(total))


@dataclass(frozen=True)
class _PhaseMaker:
    """Builds the phases of one step: fills in what every phase of the step shares."""

    step: Step
    step_index: int
    step_count: int

    def __call__(
        self,
        kind: PhaseKind,
        cue: str,
        seconds: float | None,
        side: str | None = None,
        counters: tuple[Counter | None, ...] = (),
        reminders: tuple[Reminder, ...] = (),
        label: str | None = None,
    ) -> Phase:
        step_counter = Counter("step", self.step_index + 1, self.step_count)
        return Phase(
            index=-1,  # numbered by compile_plan
            step_index=self.step_index,
            step_name=self.step.display_name,
            step_type=self.step.TYPE,
            kind=kind,
            label=label if label is not None else kind.label,
            cue=cue,
            seconds=None if seconds is None else float(seconds),
            side=side,
            counters=(step_counter, *(c for c in counters if c is not None)),
            reminders=reminders,
            instructions=self.step.instructions,
        )


def _count(label: str, number: int, total: int) -> Counter | None:
    """A counter worth showing: "cycle 1 of 1" says nothing, so single counts are left out."""
    return Counter(label, number, total) if total > 1 else None


def _side_words(side: str | None) -> str:
    return f" ({side} side)" if side else ""


def _per_side(
    make: _PhaseMaker,
    sides: tuple[str | None, ...],
    setup_seconds: int | None,
    body: Callable[[str | None], Iterator[Phase]],
) -> Iterator[Phase]:
    """The phases of a sided step: position (or switch sides), then ``body(side)``, per side."""
    for number, side in enumerate(sides):
        if number > 0:
            seconds = setup_seconds or SWITCH_SIDES_SECONDS
            yield make(PhaseKind.SWITCH_SIDES, f"Switch to the {side} side", seconds, side)
        elif setup_seconds:
            position = "Get into position" + _side_words(side)
            yield make(PhaseKind.POSITION, position, setup_seconds, side)
        yield from body(side)


def _pir(make: _PhaseMaker, step: PirStep) -> Iterator[Phase]:
    contract = CONTRACT + (f" ({step.force})" if step.force else "")

    def cycles(side):
        for cycle in range(1, step.cycles + 1):
            counter = (_count("cycle", cycle, step.cycles),)
            yield make(PhaseKind.CONTRACT, contract, step.contract_seconds, side, counter)
            yield make(PhaseKind.RELAX, RELAX, step.relax_seconds, side, counter)

    yield from _per_side(make, step.sides, step.setup_seconds, cycles)


def _stretch(make: _PhaseMaker, step: StretchStep) -> Iterator[Phase]:
    def reps(side):
        for rep in range(1, step.reps + 1):
            counter = (_count("rep", rep, step.reps),)
            yield make(
                PhaseKind.HOLD,
                "Hold the stretch: slow and steady, never forced",
                step.hold_seconds,
                side,
                counter,
            )
            if rep < step.reps and step.rest_seconds:
                yield make(
                    PhaseKind.RELEASE, "Release slowly and rest", step.rest_seconds, side, counter
                )

    yield from _per_side(make, step.sides, step.setup_seconds, reps)


def _reps(make: _PhaseMaker, step: RepsStep) -> Iterator[Phase]:
    what = f"Do {counted(step.reps, 'repetition')}, then confirm"

    def sets(side):
        for number in range(1, step.sets + 1):
            counter = (_count("set", number, step.sets),)
            yield make(PhaseKind.SET, what, None, side, counter)
            if number < step.sets and step.rest_seconds:
                rest = "Rest before the next set"
                yield make(PhaseKind.REST, rest, step.rest_seconds, side, counter)

    yield from _per_side(make, step.sides, None, sets)


def _thermal(make: _PhaseMaker, step: IceStep | HeatStep) -> Iterator[Phase]:
    seconds = round(step.minutes * 60)  # minutes may be decimal: whole seconds
    every = round(step.check_skin_every_minutes * 60)
    reminders = tuple(Reminder(float(at), SKIN_CHECK) for at in range(every, seconds, every))
    pack = wording.PACK_NAMES[step.TYPE].capitalize()
    on = f"{pack} on: {step.area}, keep still" if step.area else f"{pack} on, keep still"
    # PACK-1, PACK-2: the timer starts once the pack is on, and the end says to take it off.
    yield make(PhaseKind.PACK_ON, wording.pack_on(step.TYPE, step.area), None)
    kind = PhaseKind.ICE if isinstance(step, IceStep) else PhaseKind.HEAT
    yield make(kind, on, seconds, reminders=reminders)
    yield make(PhaseKind.PACK_OFF, wording.pack_off(step.TYPE), None)


def _rest(make: _PhaseMaker, step: RestStep) -> Iterator[Phase]:
    if step.until_ready or step.seconds is None:
        yield make(PhaseKind.WAIT, "Rest until you are ready, then confirm", None)
    else:
        yield make(PhaseKind.REST, "Rest", step.seconds)


def _interval(make: _PhaseMaker, step: IntervalStep) -> Iterator[Phase]:
    for round_number in range(1, step.rounds + 1):
        counter = (_count("round", round_number, step.rounds),)
        for phase in step.phases:
            yield make(
                PhaseKind.INTERVAL,
                phase.cue or phase.label,
                phase.seconds,
                None,
                counter,
                label=phase.label,
            )


_UNROLL: dict[type[Step], Callable[[_PhaseMaker, Any], Iterator[Phase]]] = {
    PirStep: _pir,
    StretchStep: _stretch,
    RepsStep: _reps,
    IceStep: _thermal,
    HeatStep: _thermal,
    RestStep: _rest,
    IntervalStep: _interval,
}
