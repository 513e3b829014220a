"""A small routine for the recorder's tests: PIR, ice (the one a safety check may skip), stretch."""

from __future__ import annotations

from pathlib import Path

from homecare.routine.model import IceStep, PirStep, Routine, RoutineFile, Schedule, StretchStep
from homecare.session.plan import compile_plan

BACK = Routine(
    title="Lower back <b>[bold]care[/bold]</b>",
    id="lower-back",
    prescribed_by="Dr. Example",
    patient="Pat Doe",
    contact="Clinic: 555-0100",
    schedule=Schedule(times_per_day=2),
    steps=(
        PirStep(cycles=1, setup_seconds=5, contract_seconds=10, relax_seconds=20),
        IceStep(minutes=1, check_skin_every_minutes=1),
        StretchStep(reps=1, hold_seconds=30, rest_seconds=0, setup_seconds=5),
    ),
)
BACK_FILE = RoutineFile(Path("lower-back.toml"), BACK, "c0ffee" * 10 + "abcd", "file")
BACK_PLAN = compile_plan(BACK)
