"""The JSON Schema: generated from the specs, valid, and agreeing with the loader."""

from __future__ import annotations

import json
import sys

from hypothesis import given, settings

from homecare.routine import library
from homecare.routine.model import MAX_STEPS, PirStep
from homecare.routine.schema import _forbidden_codes, routine_schema, schema_json
from homecare.routine.specs import specced_fields
from homecare.routine.textpolicy import is_forbidden
from homecare.routine.writer import dumps_routine

from .jsonschema_check import schema_errors, validator
from .strategies import routines

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib


def test_schema_is_valid_draft_2020_12_and_printable_as_ascii_json():
    text = schema_json()
    assert text.isascii()
    assert json.loads(text) == routine_schema()
    assert routine_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator()  # check_schema raises if the schema itself is not valid


def test_ranges_defaults_and_help_come_from_the_specs():
    steps = routine_schema()["properties"]["steps"]
    assert steps["maxItems"] == MAX_STEPS
    pir = next(s for s in steps["items"]["oneOf"] if s["properties"]["type"]["enum"] == ["pir"])
    assert pir["additionalProperties"] is False
    for field, spec in specced_fields(PirStep):
        assert field.name in pir["properties"]
    contract = pir["properties"]["contract_seconds"]
    assert (contract["minimum"], contract["maximum"], contract["default"]) == (3, 30, 10)
    assert "Usually 5 to 10" in contract["description"]
    assert "about ten seconds" in contract["description"]
    assert pir["properties"]["name"]["default"] == "Post-isometric relaxation"


def test_the_scanned_planes_hold_every_character_the_text_policy_refuses():
    everywhere = [code for code in range(0x110000) if is_forbidden(chr(code))]
    assert list(_forbidden_codes()) == everywhere


def test_decimal_minutes_are_numbers_in_the_schema():
    steps = routine_schema()["properties"]["steps"]["items"]["oneOf"]
    ice = next(s for s in steps if s["properties"]["type"]["enum"] == ["ice"])
    assert (ice["properties"]["minutes"]["type"], ice["properties"]["minutes"]["minimum"]) == (
        "number", 0.25)
    assert "(decimals allowed)" in ice["properties"]["minutes"]["description"]
    def ice_for(minutes: float) -> dict:
        return {"format": 1, "title": "T", "steps": [{"type": "ice", "minutes": minutes}]}

    assert schema_errors(ice_for(0.5)) == [] and schema_errors(ice_for(0.1)) != []


def test_every_bundled_routine_validates():
    paths = sorted(library.examples_dir().glob("*.toml"))
    assert len(paths) >= 6
    for path in paths:
        assert schema_errors(tomllib.loads(path.read_text(encoding="utf-8"))) == [], path


@settings(max_examples=100, deadline=None)
@given(routines)
def test_every_valid_routine_validates(routine):
    assert schema_errors(tomllib.loads(dumps_routine(routine))) == []
