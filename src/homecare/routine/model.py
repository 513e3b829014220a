"""The routine model: what a routine file says, as immutable values.

A routine is a title, some optional details about the prescription, an optional schedule and a
list of steps. Each step type is its own frozen dataclass; the fields that appear in files carry
their specification (default, hard and soft range, help text) from ``homecare.routine.specs``.
Nothing here reads files or knows about time: see ``loader`` and ``homecare.session.plan``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from homecare.base.days import LAST_DAY, add_days
from homecare.routine.specs import (
    ChoiceSpec,
    DateSpec,
    DaysSpec,
    FlagSpec,
    TableListSpec,
    TextListSpec,
    TextSpec,
    number,
    spec_field,
    text,
)

FORMAT_VERSION = 1
# Files that show pictures (``image`` on a step) are format 2, so an older homecare refuses them
# with "this file needs a newer homecare" rather than "unknown field image".
PICTURES_FORMAT = 2
# Files that follow a prescription through (stages, feedback per exercise, the PSFS) are format
# 3, for the same reason; a format 3 file may also have pictures.
FOLLOW_THROUGH_FORMAT = 3
FORMATS_READ = (FORMAT_VERSION, PICTURES_FORMAT, FOLLOW_THROUGH_FORMAT)
ID_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$"
SIDES = ("left", "right", "both")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_BASIS = "docs/clinical-basis.md"  # where each soft range's rule and source are written down
# The shortest ice or heat (and skin-check interval) a file may give: a quarter of a minute.
THERMAL_MINUTES_LOW = 0.25


def _name_field() -> Any:
    return text(60, "a short name shown while the step runs", default=None)


def _instructions_field() -> Any:
    return text(1000, "what to do, in the clinician's words", multiline=True)


def _side_field() -> Any:
    return spec_field(
        None,
        ChoiceSpec(SIDES, 'which side; "both" runs left, then right, with a switch-sides cue'),
    )


def _thermal_why(kind: str) -> str:
    rule = "ICE-6" if kind == "ice" else "HEAT-6"
    return (
        f"{rule} in {_BASIS}: a real {kind} session is most often 15 to 20 minutes "
        f"(published {'cryotherapy' if kind == 'ice' else 'superficial-heat'} guidance)"
    )


def _feedback_field(help: str) -> Any:
    """``feedback``: left out, a step does as its routine says (homecare.routine.feedback)."""
    return spec_field(None, FlagSpec(help))


_STEP_FEEDBACK_HELP = (
    "ask the patient after this step how it felt (easy, right, hard or painful); "
    "left out: as the routine's feedback says"
)


def _setup_field() -> Any:
    return number(10, 0, 120, "seconds", "time to get into position before the step starts")


@dataclass(frozen=True)
class Step:
    """Fields every step has. Subclasses set ``TYPE`` (the file's ``type``) and ``DEFAULT_NAME``."""

    TYPE: ClassVar[str] = ""
    DEFAULT_NAME: ClassVar[str] = ""

    name: str | None = _name_field()
    instructions: str = _instructions_field()
    image: str = text(
        200, "a PNG or JPEG picture of the exercise, its path relative to the routine file"
    )
    image_alt: str = text(
        300,
        "what the picture shows, in words (required with image): read aloud and shown "
        "where the picture cannot be",
    )

    @property
    def display_name(self) -> str:
        return self.name or self.DEFAULT_NAME

    @property
    def sides(self) -> tuple[str | None, ...]:
        """The sides this step runs on, in order: "both" means left, then right."""
        side = getattr(self, "side", None)
        if side == "both":
            return ("left", "right")
        return (side,)


@dataclass(frozen=True)
class PirStep(Step):
    """Post-isometric relaxation: position, contract gently, breathe out and relax; n cycles."""

    TYPE: ClassVar[str] = "pir"
    DEFAULT_NAME: ClassVar[str] = "Post-isometric relaxation"

    side: str | None = _side_field()
    contract_seconds: int = number(
        10,
        3,
        30,
        "seconds",
        "how long to contract gently",
        soft_low=5,
        soft_high=10,
        why=f"PIR-2 in {_BASIS}: a gentle contraction of about ten seconds",
    )
    relax_seconds: int = number(
        20, 5, 120, "seconds", "how long to breathe out, relax and let the muscle lengthen"
    )
    cycles: int = number(
        3,
        1,
        10,
        "cycles",
        "contract-relax cycles",
        soft_high=5,
        why=f"PIR-3 in {_BASIS}: a few cycles per session",
    )
    setup_seconds: int = _setup_field()
    force: str = text(80, "how hard to contract", default="gentle, about a fifth of full strength")
    feedback: bool | None = _feedback_field(_STEP_FEEDBACK_HELP)


@dataclass(frozen=True)
class StretchStep(Step):
    """Hold a stretch, release, rest; repeated, on one side or both."""

    TYPE: ClassVar[str] = "stretch"
    DEFAULT_NAME: ClassVar[str] = "Stretch"

    side: str | None = _side_field()
    hold_seconds: int = number(
        30,
        5,
        120,
        "seconds",
        "how long to hold the stretch",
        soft_high=60,
        why=f"STR-2 in {_BASIS}: 30-second holds work as well as 60 (Bandy, Irion & Briggler 1997)",
    )
    reps: int = number(2, 1, 20, "repetitions", "how many times to hold the stretch")
    rest_seconds: int = number(10, 0, 300, "seconds", "rest between repetitions")
    setup_seconds: int = _setup_field()
    feedback: bool | None = _feedback_field(_STEP_FEEDBACK_HELP)


@dataclass(frozen=True)
class _ThermalStep(Step):
    """Shared shape of ice and heat: a timed application with skin checks.

    Minutes may be decimal (0.5 is thirty seconds) down to ``THERMAL_MINUTES_LOW``, so a demo
    or a clinician's short trial can be brief; the plan rounds them to whole seconds.
    """

    area: str = text(80, "where to put it, e.g. lower back, left side")
    check_skin_every_minutes: float = number(
        5,
        THERMAL_MINUTES_LOW,
        30,
        "minutes",
        "how often to remind the patient to check the skin",
        soft_high=10,
        why=f"PACK-3 in {_BASIS}: check the skin about every 5 minutes "
        "(published cryotherapy and superficial-heat guidance)",
        whole=False,
    )


@dataclass(frozen=True)
class IceStep(_ThermalStep):
    """Cold therapy for a fresh, warm, swollen problem (docs/clinical-basis.md, ICE-1..6)."""

    TYPE: ClassVar[str] = "ice"
    DEFAULT_NAME: ClassVar[str] = "Ice"

    minutes: float = number(
        15,
        THERMAL_MINUTES_LOW,
        30,
        "minutes",
        "how long the ice stays on",
        soft_low=10,
        soft_high=20,
        why=_thermal_why("ice"),
        whole=False,
    )


@dataclass(frozen=True)
class HeatStep(_ThermalStep):
    """Heat for an old, cold, tight problem (docs/clinical-basis.md, HEAT-1..7)."""

    TYPE: ClassVar[str] = "heat"
    DEFAULT_NAME: ClassVar[str] = "Heat"

    minutes: float = number(
        15,
        THERMAL_MINUTES_LOW,
        60,
        "minutes",
        "how long the heat stays on",
        soft_low=10,
        soft_high=20,
        why=_thermal_why("heat"),
        whole=False,
    )


@dataclass(frozen=True)
class RepsStep(Step):
    """An exercise the patient counts; the patient confirms each set."""

    TYPE: ClassVar[str] = "reps"
    DEFAULT_NAME: ClassVar[str] = "Exercise"

    side: str | None = _side_field()
    reps: int = number(10, 1, 100, "repetitions", "repetitions in each set")
    sets: int = number(1, 1, 20, "sets", "how many sets")
    rest_seconds: int = number(30, 0, 600, "seconds", "rest between sets")
    feedback: bool | None = _feedback_field(_STEP_FEEDBACK_HELP)


@dataclass(frozen=True)
class RestStep(Step):
    """A pause: timed (``seconds``) or until the patient is ready (``until_ready = true``)."""

    TYPE: ClassVar[str] = "rest"
    DEFAULT_NAME: ClassVar[str] = "Rest"

    seconds: int | None = number(None, 1, 3600, "seconds", "how long to rest")
    until_ready: bool = spec_field(False, FlagSpec("wait until the patient says they are ready"))


@dataclass(frozen=True)
class IntervalPhase:
    """One phase of an interval step."""

    label: str = spec_field("", TextSpec(40, "what the phase is called", required=True))
    seconds: int = number(10, 1, 3600, "seconds", "how long the phase lasts")
    cue: str = text(200, "what to tell the patient when the phase starts")


@dataclass(frozen=True)
class IntervalStep(Step):
    """Anything else: ``rounds`` of a list of labelled, timed phases."""

    TYPE: ClassVar[str] = "interval"
    DEFAULT_NAME: ClassVar[str] = "Intervals"

    rounds: int = number(1, 1, 100, "rounds", "how many times to go through the phases")
    phases: tuple[IntervalPhase, ...] = spec_field(
        (), TableListSpec(IntervalPhase, 1, 20, "the phases of one round, in order")
    )
    feedback: bool | None = _feedback_field(_STEP_FEEDBACK_HELP)


STEP_TYPES: dict[str, type[Step]] = {
    cls.TYPE: cls
    for cls in (PirStep, StretchStep, IceStep, HeatStep, RepsStep, RestStep, IntervalStep)
}
THERMAL_TYPES = (IceStep, HeatStep)


@dataclass(frozen=True)
class Schedule:
    """How often the routine is prescribed. No ``days`` means every day."""

    times_per_day: int = number(1, 1, 12, "times", "sessions per day")
    days: tuple[str, ...] = spec_field((), DaysSpec("weekdays (mon … sun); empty means every day"))
    start: date | None = spec_field(None, DateSpec("first day of the prescription"))
    end: date | None = spec_field(None, DateSpec("last day of the prescription"))
    weeks: int | None = number(None, 1, 52, "weeks", "length of the prescription from start")

    @property
    def last_day(self) -> date | None:
        """The last prescribed day, from ``end`` or from ``start`` and ``weeks``."""
        if self.end is not None:
            return self.end
        if self.start is not None and self.weeks is not None:
            return add_days(self.start, self.weeks * 7 - 1)  # stops at LAST_DAY
        return None

    @property
    def runs_past_the_calendar(self) -> bool:
        """True when ``start`` and ``weeks`` reach beyond LAST_DAY (so ``last_day`` was cut)."""
        if self.start is None or self.weeks is None:
            return False
        return self.start.toordinal() + self.weeks * 7 - 1 > LAST_DAY.toordinal()


MAX_PSFS_ACTIVITIES = 5


@dataclass(frozen=True)
class Psfs:
    """The Patient-Specific Functional Scale (docs/clinical-basis.md, PSFS-1..4): activities the
    patient finds hard, each rated 0 to 10 at the first session and then every ``every_days``
    days. With no activities listed, the patient names them the first time."""

    activities: tuple[str, ...] = spec_field(
        (),
        TextListSpec(
            MAX_PSFS_ACTIVITIES,
            80,
            "up to five activities the patient finds hard, in their words (empty: the patient "
            "names them at the first PSFS)",
        ),
    )
    every_days: int = number(7, 1, 90, "days", "how often the PSFS is asked, in days")


MAX_STEPS = 50
# Names Windows reserves for devices, whatever the case and extension ("con", "NUL.toml").
_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{kind}{n}" for kind in ("com", "lpt") for n in range(1, 10)]
)
RESERVED_WORDS = "is a reserved file name on Windows (con, prn, aux, nul, com1-9, lpt1-9)"


def reserved_on_windows(name: str) -> bool:
    """True for a file name (or stem) that Windows keeps for a device: ``con``, ``Nul.toml``."""
    return name.split(".", 1)[0].strip().lower() in _RESERVED_NAMES


MAX_FILE_BYTES = 1024 * 1024
# A staged routine: a handful of stages (a progression over weeks), each a session's steps.
MAX_STAGES = 12
MAX_STAGED_STEPS = 200  # every stage's steps together


@dataclass(frozen=True)
class Stage:
    """One stage of a prescription that progresses: its steps take over for ``weeks`` (or
    ``days``) from the end of the stage before; the first starts with the prescription. Its
    ``schedule`` (sessions per day and weekdays only) replaces the routine's for those days."""

    name: str = spec_field("", TextSpec(60, "what the stage is called", required=True))
    weeks: int | None = number(None, 1, 52, "weeks", "how long the stage lasts, in weeks")
    days: int | None = number(
        None, 1, 365, "days", "how long the stage lasts, in days (instead of weeks)"
    )
    schedule: Schedule | None = None
    steps: tuple[Step, ...] = ()

    @property
    def length_days(self) -> int:
        return self.days if self.days is not None else (self.weeks or 0) * 7


@dataclass(frozen=True)
class Routine:
    """A whole routine file, validated. ``id`` is a slug; it defaults from the file name."""

    title: str = spec_field("", TextSpec(80, "the routine's name", required=True))
    id: str = spec_field(
        "",
        TextSpec(
            64,
            "a short identifier: lower-case letters a-z, digits and -, not starting with -",
            pattern=ID_PATTERN,
        ),
    )
    prescribed_by: str = text(80, "the clinician who prescribed it")
    patient: str = text(80, "who it is for")
    contact: str = text(200, "how to reach the clinic")
    issued: date | None = spec_field(None, DateSpec("when it was prescribed"))
    notes: str = text(2000, "shown before starting", multiline=True)
    feedback: bool | None = _feedback_field(
        "ask the patient after each exercise step (pir, stretch, reps, interval; not ice, heat "
        "or rest) how it felt: easy, right, hard or painful"
    )
    schedule: Schedule | None = None
    steps: tuple[Step, ...] = ()
    format: int = FORMAT_VERSION
    psfs: Psfs | None = None  # the outcome measure, asked only when the file has [psfs]
    stages: tuple[Stage, ...] = ()  # a routine has either steps or stages (format 3)

    @property
    def has_pictures(self) -> bool:
        return any(step.image for step in self.all_steps)

    @property
    def all_steps(self) -> tuple[Step, ...]:
        """The routine's steps, or every stage's, in order: for checks that look at each one."""
        return self.steps + tuple(step for stage in self.stages for step in stage.steps)

    @property
    def says_feedback(self) -> bool:
        """The file gives ``feedback`` somewhere (true or false)."""
        return self.feedback is not None or any(
            getattr(step, "feedback", None) is not None for step in self.all_steps
        )

    @property
    def needed_format(self) -> int:
        """The lowest format that holds what the routine uses (an older homecare then says it
        needs a newer one instead of refusing a field): stages, feedback or the PSFS need
        ``FOLLOW_THROUGH_FORMAT``, pictures ``PICTURES_FORMAT``."""
        if self.stages or self.psfs is not None or self.says_feedback:
            return FOLLOW_THROUGH_FORMAT
        return PICTURES_FORMAT if self.has_pictures else FORMAT_VERSION


@dataclass(frozen=True)
class RoutineFile:
    """A routine together with where it came from, as the library, the app and the log see it.

    ``content_hash`` is the SHA-256 of the file's bytes: the log records it so a report can
    tell which version of a prescription a session followed.
    """

    path: Path
    routine: Routine
    content_hash: str
    origin: str  # "library" (imported by the patient), "example" (bundled) or "file"
    # When the file has stages, ``routine`` may be the one stage a session runs (see
    # homecare.routine.stages): ``stage`` is its number from 1 and ``whole`` the file's routine.
    stage: int | None = None
    whole: Routine | None = None

    @property
    def whole_routine(self) -> Routine:
        """The routine the file holds, every stage included."""
        return self.whole or self.routine
