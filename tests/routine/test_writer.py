"""The writer: readable TOML through tomli-w, load(write(r)) == r, atomic and careful writes."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings

from homecare.base.errors import UserError
from homecare.routine.loader import load_file, parse_routine
from homecare.routine.model import (
    IntervalPhase,
    IntervalStep,
    PirStep,
    Psfs,
    RestStep,
    Routine,
    Schedule,
    Stage,
)
from homecare.routine.writer import SCHEMA_DIRECTIVE, dumps_routine, write_routine

from .strategies import routines

SMALL = Routine(
    title="Back",
    id="back",
    notes="First line.\nSecond line.",
    schedule=Schedule(times_per_day=2),
    steps=(
        PirStep(side="both"),
        RestStep(until_ready=True),
        IntervalStep(phases=(IntervalPhase(label="march"), IntervalPhase(label="breathe"))),
    ),
)


@settings(max_examples=200, deadline=None)
@given(routines)
def test_load_of_write_is_the_same_routine(routine):
    assert parse_routine(dumps_routine(routine), "generated.toml", "other-id") == routine


def test_layout_is_in_reading_order_with_schema_directive_first():
    text = dumps_routine(SMALL)
    lines = text.splitlines()
    assert lines[0] == SCHEMA_DIRECTIVE == "#:schema ./homecare-routine.schema.json"
    keys = [line.split(" =")[0] for line in lines if line and not line.startswith("#")]
    assert keys[:4] == ["format", "id", "title", "notes"]
    assert text.index("[schedule]") < text.index("[[steps]]") < text.index("[[steps.phases]]")
    assert text.count("[[steps]]") == 3 and text.count("[[steps.phases]]") == 2
    assert 'type = "pir"' in text and "until_ready = true" in text


def test_numbers_are_written_even_at_their_default_and_empty_fields_are_left_out():
    text = dumps_routine(Routine(title="T", id="t", steps=(PirStep(),)), schema_comment=False)
    assert "contract_seconds = 10" in text and "cycles = 3" in text
    assert 'force = "gentle, about a fifth of full strength"' in text
    for absent in ("name", "side", "instructions", "patient", "schedule", "#:schema"):
        assert absent not in text


def test_an_empty_force_is_kept_as_empty_rather_than_becoming_the_default():
    routine = Routine(title="T", id="t", steps=(PirStep(force=""),))
    assert 'force = ""' in dumps_routine(routine)
    assert parse_routine(dumps_routine(routine), "f", "t") == routine


def test_write_routine_then_load_file(tmp_path):
    path = tmp_path / "back.toml"
    write_routine(SMALL, path)
    assert load_file(path).routine == SMALL
    assert [p.name for p in tmp_path.iterdir()] == ["back.toml"]  # no temporary file left


def test_existing_file_is_kept_unless_overwrite(tmp_path):
    path = tmp_path / "back.toml"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(UserError, match="already exists"):
        write_routine(SMALL, path)
    assert path.read_text(encoding="utf-8") == "keep me"
    write_routine(SMALL, path, overwrite=True)
    assert load_file(path).routine == SMALL


def test_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        write_routine(SMALL, tmp_path / "nowhere" / "back.toml")


def test_folder_that_is_a_file_is_a_user_error(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_bytes(b"")
    with pytest.raises(UserError, match="cannot write"):
        write_routine(SMALL, not_a_folder / "back.toml")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_unwritable_folder_is_a_user_error(tmp_path):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(UserError, match="no permission"):
            write_routine(SMALL, tmp_path / "back.toml")
    finally:
        tmp_path.chmod(0o700)


STAGED = (Stage(name="First", weeks=1, steps=(RestStep(),)),)


@pytest.mark.parametrize(
    ("changes", "written"),
    [
        ({}, 1),
        ({"steps": (PirStep(image="pir.png", image_alt="A knee bent"),)}, 2),
        ({"feedback": False}, 3),
        ({"steps": (PirStep(feedback=True),)}, 3),
        ({"psfs": Psfs()}, 3),
        ({"steps": (), "stages": STAGED}, 3),
    ],
)
def test_the_file_says_the_lowest_format_that_holds_what_it_uses(changes, written):
    routine = replace(Routine(title="Back", id="back", steps=(PirStep(),)), **changes)
    assert routine.needed_format == written
    assert dumps_routine(routine).count(f"\nformat = {written}\n") == 1
