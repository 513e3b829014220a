"""A routine being edited: the editor's model, kept free of Textual so it is tested directly.

The draft holds plain values, as a TOML file would (``header``, ``schedule``, ``steps``), so a
half-typed form (a date still being written, a number out of range) can be held without being
valid. ``check()`` runs the real loader and limits over it, so the editor reports exactly what
``homecare check`` would, and only a draft that loads can be saved.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from homecare.base.days import parse_day
from homecare.base.text import counted
from homecare.clinician import handout
from homecare.routine.limits import warnings_for
from homecare.routine.loader import parse_routine, slugify
from homecare.routine.model import (
    FOLLOW_THROUGH_FORMAT,
    FORMAT_VERSION,
    PICTURES_FORMAT,
    STEP_TYPES,
    IntervalPhase,
    IntervalStep,
    RestStep,
    Routine,
    Schedule,
    Stage,
    Step,
)
from homecare.routine.pictures import check_pictures, folder_reader
from homecare.routine.problems import Problem, RoutineError
from homecare.routine.specs import (
    ChoiceSpec,
    DateSpec,
    DaysSpec,
    FlagSpec,
    NumberSpec,
    Spec,
    TableListSpec,
    TextSpec,
    specced_fields,
)
from homecare.routine.writer import dumps_routine

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

HEADER = None  # the form target for the routine's own fields (a step's target is its index)
STAGE = "stage"  # the form target for the fields of the stage being edited (staged routines)
Target = int | str | None
SCHEDULE_PREFIX = "schedule."
STAGE_SCHEDULE_FIELDS = ("times_per_day", "days")  # a stage's dates come from its length
PHASE_SEPARATOR = "|"
# A new step must load as soon as it is added: the two types whose defaults are not enough.
_NEW_STEPS: dict[str, Step] = {
    "rest": RestStep(until_ready=True),
    "interval": IntervalStep(phases=(IntervalPhase("Work", 30),)),
}


def new_step(step_type: str) -> Step:
    """A step of ``step_type`` that is valid as it is (``homecare new --step`` and the editor)."""
    return _NEW_STEPS.get(step_type) or STEP_TYPES[step_type]()


@dataclass(frozen=True)
class FormField:
    """One input of a form: what to show next to it and its current value as text."""

    name: str  # the key in the file; schedule fields are "schedule.<key>"
    spec: Spec
    text: str
    default: str  # shown as a placeholder: what an empty input means

    @property
    def hint(self) -> str:
        """The help text with the field's hard range and, if any, its suggested (soft) range."""
        spec = self.spec
        hint = spec.help
        if isinstance(spec, NumberSpec):
            hint += f" · {spec.low} to {spec.high} {spec.unit}"
            if spec.soft_low is not None or spec.soft_high is not None:
                low = spec.soft_low if spec.soft_low is not None else spec.low
                high = spec.soft_high if spec.soft_high is not None else spec.high
                hint += f" · suggested {low} to {high}"
        elif isinstance(spec, TextSpec):
            hint += f" · up to {spec.max_length} characters"
            hint += " · required" if spec.required else ""
        elif isinstance(spec, ChoiceSpec):
            hint += " · " + ", ".join(spec.choices)
        elif isinstance(spec, DateSpec):
            hint += " · YYYY-MM-DD"
        elif isinstance(spec, DaysSpec):
            hint += " · e.g. mon, wed, fri"
        elif isinstance(spec, TableListSpec):
            hint += f" · one a line: label {PHASE_SEPARATOR} seconds {PHASE_SEPARATOR} cue"
        return hint


@dataclass(frozen=True)
class Check:
    """What the loader and limits say about the draft now."""

    routine: Routine | None  # None while there are errors
    problems: tuple[Problem, ...]  # errors, or else warnings

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    def for_field(self, target: Target, name: str, stage: int | None = None) -> list[Problem]:
        """The problems an input shows under itself (``stage``: the one edited, from 1)."""
        return [
            p
            for p in self.problems
            if _target(p) == target and _field(p) == name and p.stage == stage
        ]

    def preview(self) -> list[str]:
        """The plan in a few lines: each step with its time, then the total."""
        if self.routine is None:
            return [f"Fix {counted(len(self.errors), 'error')} to see the plan."]
        built = handout.build(self.routine)
        lines = [f"{s.number}. {s.name} ({s.kind}): {s.timing}" for s in built.steps]
        if not built.stages:
            return lines + [f"Total: {built.session_time}"]
        for stage in built.stages:
            lines += [f"Stage {stage.number}: {stage.name}, {stage.when}"]
            lines += [f"  {s.number}. {s.name} ({s.kind}): {s.timing}" for s in stage.steps]
            lines += [f"  Total: {stage.session_time}"]
        return lines


class Draft:
    """A routine as editable values; ``file`` is its path (the default id comes from its name)."""

    def __init__(self, file: Path, routine: Routine | None = None) -> None:
        self.file = file
        table = tomllib.loads(dumps_routine(routine)) if routine is not None else {}
        self.schedule: dict[str, Any] = table.pop("schedule", {})
        self._steps: list[dict[str, Any]] = table.pop("steps", [])
        # A staged routine: each stage's table (name, weeks or days, schedule, steps); the
        # steps edited are those of stage ``stage`` (an index).
        self.stages: list[dict[str, Any]] = table.pop("stages", [])
        self.stage = 0
        table.pop("format", None)
        self.header: dict[str, Any] = table

    @property
    def steps(self) -> list[dict[str, Any]]:
        """The steps being edited: the routine's, or the current stage's."""
        if self.stages:
            return self.stages[self.stage].setdefault("steps", [])
        return self._steps

    # --- the values ----------------------------------------------------------------------

    def table(self) -> dict[str, Any]:
        """The whole routine as a TOML table (what the file would hold)."""
        every_step = [s for stage in self.stages for s in stage.get("steps", [])] + self._steps
        follows_through = (  # the editor keeps a [psfs] table but does not edit it
            self.stages
            or "psfs" in self.header
            or "feedback" in self.header
            or any("feedback" in step for step in every_step)
        )
        file_format = FORMAT_VERSION
        if follows_through:
            file_format = FOLLOW_THROUGH_FORMAT
        elif any(step.get("image") for step in every_step):
            file_format = PICTURES_FORMAT
        table: dict[str, Any] = {"format": file_format, **self.header}
        if self.schedule:
            table["schedule"] = dict(self.schedule)
        if self.stages:
            table["stages"] = [_stage_table(stage) for stage in self.stages]
        else:
            table["steps"] = [dict(step) for step in self.steps]
        return table

    def fields(self, target: Target) -> list[FormField]:
        """The form for the routine's own fields (``HEADER``), the current stage's (``STAGE``)
        or step number ``target``."""
        if target == STAGE:
            stage = self.stages[self.stage]
            own = [self._field(stage, f, spec) for f, spec in specced_fields(Stage)]
            rhythm = [
                self._field(stage.get("schedule", {}), f, spec, SCHEDULE_PREFIX)
                for f, spec in specced_fields(Schedule)
                if f.name in STAGE_SCHEDULE_FIELDS
            ]
            return own + rhythm
        if target is HEADER:
            default_id = slugify(self.file.stem)
            own = [
                self._field(self.header, f, spec, default=default_id if f.name == "id" else None)
                for f, spec in specced_fields(Routine)
            ]
            timing = [
                self._field(self.schedule, f, spec, SCHEDULE_PREFIX)
                for f, spec in specced_fields(Schedule)
            ]
            return own + timing
        assert isinstance(target, int)
        step = self.steps[target]
        cls = STEP_TYPES[step["type"]]
        return [self._field(step, f, spec) for f, spec in specced_fields(cls)]

    @staticmethod
    def _field(
        values: dict[str, Any], field: Any, spec: Spec, prefix: str = "", default: str | None = None
    ) -> FormField:
        if default is None:
            default = "" if field.default in (None, "", ()) else to_text(field.default, spec)
        return FormField(prefix + field.name, spec, to_text(values.get(field.name), spec), default)

    def set_text(self, target: Target, name: str, text: str) -> None:
        """Store what an input holds; an empty input removes the key (the default applies)."""
        spec = next(f.spec for f in self.fields(target) if f.name == name)
        values = self._values(target)
        if name.startswith(SCHEDULE_PREFIX):
            owner = self.stages[self.stage] if target == STAGE else None
            values = owner.setdefault("schedule", {}) if owner is not None else self.schedule
            name = name.removeprefix(SCHEDULE_PREFIX)
        value = from_text(text, spec)
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value
        if target == STAGE and not self.stages[self.stage].get("schedule", True):
            del self.stages[self.stage]["schedule"]  # an empty stage schedule: the routine's

    def _values(self, target: Target) -> dict[str, Any]:
        if target is HEADER:
            return self.header
        if target == STAGE:
            return self.stages[self.stage]
        assert isinstance(target, int)
        return self.steps[target]

    # --- the stages ----------------------------------------------------------------------

    def add_stage(self) -> int:
        """A new stage after the current one, starting as a copy of it (a progression changes
        a few numbers); a routine without stages first becomes stage 1. Returns its index."""
        if not self.stages:
            self.stages = [{"name": "Stage 1", "weeks": 2, "steps": self._steps}]
            self._steps = []
            self.stage = 0
        copy = tomllib.loads(tomli_w.dumps({"stage": self.stages[self.stage]}))["stage"]
        copy["name"] = f"Stage {len(self.stages) + 1}"
        self.stages.insert(self.stage + 1, copy)
        self.stage += 1
        return self.stage

    def remove_stage(self) -> None:
        """Remove the current stage; with one left, its steps become the routine's again."""
        del self.stages[self.stage]
        self.stage = max(0, self.stage - 1)
        if len(self.stages) == 1:
            self._steps = self.stages[0].get("steps", [])
            self.stages = []
            self.stage = 0

    def go_to_stage(self, delta: int) -> int:
        """Edit the stage before (-1) or after (+1); return the index of the one edited now."""
        self.stage = max(0, min(self.stage + delta, len(self.stages) - 1))
        return self.stage

    def stage_label(self) -> str:
        stage = self.stages[self.stage]
        name = stage.get("name") if isinstance(stage.get("name"), str) else ""
        return f"Stage {self.stage + 1} of {len(self.stages)}: {name or '(no name)'}"

    # --- the steps -----------------------------------------------------------------------

    def add_step(self, step_type: str, at: int) -> int:
        """Insert a new step of ``step_type`` at index ``at``; return its index."""
        at = max(0, min(at, len(self.steps)))
        holder = Routine(title="new", steps=(new_step(step_type),))
        text = dumps_routine(holder, schema_comment=False)
        self.steps.insert(at, tomllib.loads(text)["steps"][0])
        return at

    def remove_step(self, index: int) -> None:
        del self.steps[index]

    def move_step(self, index: int, delta: int) -> int:
        """Move a step up (-1) or down (+1); return where it is now."""
        to = max(0, min(index + delta, len(self.steps) - 1))
        self.steps.insert(to, self.steps.pop(index))
        return to

    def step_label(self, index: int) -> str:
        step = self.steps[index]
        cls = STEP_TYPES[step["type"]]
        name = step.get("name") if isinstance(step.get("name"), str) else None
        side = step.get("side")
        return f"{index + 1}. {name or cls.DEFAULT_NAME} ({cls.TYPE}{', ' + side if side else ''})"

    # --- checking ------------------------------------------------------------------------

    def check(self) -> Check:
        label = self.file.name
        try:
            text = tomli_w.dumps(self.table())
            routine = parse_routine(text, label, slugify(self.file.stem))
        except RoutineError as error:
            return Check(None, error.problems)
        if routine.has_pictures:  # the files beside the routine, checked as the loader does
            problems = check_pictures(routine, folder_reader(self.file.parent), label)
            if problems:
                return Check(None, tuple(problems))
        return Check(routine, tuple(warnings_for(routine, label)))


def to_text(value: Any, spec: Spec) -> str:
    """A file value as a form shows it."""
    if value is None:
        return ""
    if isinstance(spec, DaysSpec) and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(spec, TableListSpec) and isinstance(value, list):
        return "\n".join(_phase_line(p) for p in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


def from_text(text: str, spec: Spec) -> Any:
    """What a form input means as a file value; ``None`` for empty. Values that do not parse
    stay text, so the loader names the problem exactly as ``homecare check`` would."""
    if isinstance(spec, TextSpec):
        return text or None
    text = text.strip()
    if not text:
        return None
    if isinstance(spec, NumberSpec) and re.fullmatch(r"[+-]?\d{1,9}", text):
        return int(text)
    if isinstance(spec, NumberSpec) and not spec.whole and re.fullmatch(r"\d*\.\d+", text):
        return float(text)  # ice and heat minutes may be decimal: 0.5
    if isinstance(spec, FlagSpec) and text in ("true", "false"):
        return text == "true"
    if isinstance(spec, DateSpec):
        try:
            return parse_day(text)
        except ValueError:
            return text
    if isinstance(spec, DaysSpec):
        return [day for day in re.split(r"[\s,]+", text.lower()) if day]
    if isinstance(spec, TableListSpec):
        return [_phase(line) for line in text.splitlines() if line.strip()]
    return text


def _phase_line(phase: dict[str, Any]) -> str:
    parts = [str(phase.get("label", "")), str(phase.get("seconds", ""))]
    if phase.get("cue"):
        parts.append(str(phase["cue"]))
    return f" {PHASE_SEPARATOR} ".join(parts)


def _phase(line: str) -> dict[str, Any]:
    label, _, rest = (part.strip() for part in line.partition(PHASE_SEPARATOR))
    seconds, _, cue = (part.strip() for part in rest.partition(PHASE_SEPARATOR))
    phase: dict[str, Any] = {"label": label}
    if seconds:
        phase["seconds"] = int(seconds) if seconds.isdigit() else seconds
    if cue:
        phase["cue"] = cue
    return phase


def _stage_table(stage: dict[str, Any]) -> dict[str, Any]:
    table = {key: value for key, value in stage.items() if key not in ("schedule", "steps")}
    if stage.get("schedule"):
        table["schedule"] = dict(stage["schedule"])
    table["steps"] = [dict(step) for step in stage.get("steps", [])]
    return table


def _target(problem: Problem) -> Target:
    if problem.step is None:
        return STAGE if problem.stage is not None and problem.field is not None else None
    return problem.step - 1


def _field(problem: Problem) -> str | None:
    """The form input a problem belongs to: an interval phase's field goes to ``phases``."""
    if problem.field is None:
        return None
    if " (phase " in problem.field:
        return "phases"
    return problem.field
