"""The JSON Schema: generated from the specs, valid, and agreeing with the loader."""

from __future__ import annotations

import json
import sys

from hypothesis import given, settings

from homecare.base.text import is_forbidden
from homecare.cli import main
from homecare.routine import library
from homecare.routine.model import MAX_STEPS, STEP_TYPES, PirStep
from homecare.routine.schema import (
    _SCANNED,
    _candidates,
    _forbidden_codes,
    routine_schema,
    schema_json,
)
from homecare.routine.specs import specced_fields
from homecare.routine.writer import SCHEMA_FILE_NAME, dumps_routine

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


def step_schema(step_type: str) -> dict:
    """The rules the schema applies to a step of ``step_type`` (its ``then`` branch)."""
    items = routine_schema()["properties"]["steps"]["items"]
    (branch,) = [b for b in items["allOf"] if b["if"]["properties"]["type"]["const"] == step_type]
    return branch["then"]


def test_ranges_defaults_and_help_come_from_the_specs():
    steps = routine_schema()["properties"]["steps"]
    assert steps["maxItems"] == MAX_STEPS
    pir = step_schema("pir")
    assert pir["additionalProperties"] is False
    for field, _spec in specced_fields(PirStep):
        assert field.name in pir["properties"]
    contract = pir["properties"]["contract_seconds"]
    assert (contract["minimum"], contract["maximum"], contract["default"]) == (3, 30, 10)
    assert "Usually 5 to 10" in contract["description"]
    assert "about ten seconds" in contract["description"]
    assert pir["properties"]["name"]["default"] == "Post-isometric relaxation"


def test_the_scanned_planes_hold_every_character_the_text_policy_refuses():
    everywhere = [code for code in range(0x110000) if is_forbidden(chr(code))]
    assert list(_forbidden_codes()) == everywhere


def test_a_unicode_newer_than_the_table_is_scanned_and_an_older_one_filters_the_table():
    table = _candidates("15.1.0")
    assert _candidates("13.0.0") == table and _candidates("16.0.0") == _SCANNED
    assert sum(map(len, table)) < 300  # the table, not the 126,976 code points of the scan


def test_decimal_minutes_are_numbers_in_the_schema():
    ice = step_schema("ice")
    assert (ice["properties"]["minutes"]["type"], ice["properties"]["minutes"]["minimum"]) == (
        "number",
        0.25,
    )
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


def _pir_with(**fields: object) -> dict:
    return {"format": 1, "title": "T", "steps": [{"type": "pir", **fields}]}


def test_a_misspelt_step_key_is_named_not_drowned_in_every_step_type():
    assert schema_errors(_pir_with(cycle=5)) == [
        "Additional properties are not allowed ('cycle' was unexpected)"
    ]


def test_an_out_of_range_value_gets_the_range_of_its_own_step_type():
    routine = {"format": 1, "title": "T", "steps": [{"type": "ice", "minutes": 90}]}
    assert schema_errors(routine) == ["90 is greater than the maximum of 30"]


def test_a_step_without_a_known_type_gets_one_message_about_the_type():
    assert schema_errors({"format": 1, "title": "T", "steps": [{"type": "strech"}]}) == [
        "'strech' is not one of ['pir', 'stretch', 'ice', 'heat', 'reps', 'rest', 'interval']"
    ]
    assert schema_errors({"format": 1, "title": "T", "steps": [{"name": "x"}]}) == [
        "'type' is a required property"
    ]


def test_a_rest_is_timed_or_waits_and_the_message_points_at_seconds():
    def rest(**fields: object) -> list[str]:
        return schema_errors({"format": 1, "title": "T", "steps": [{"type": "rest", **fields}]})

    assert rest(seconds=30) == [] and rest(until_ready=True) == []
    assert rest(seconds=30, until_ready=False) == []
    assert rest() == ["'seconds' is a required property"]
    assert rest(seconds=30, until_ready=True) == ["False was expected"]
    assert rest(until_ready=False) == ["'seconds' is a required property"]


def test_completion_offers_every_step_key_with_its_help_before_the_type_is_known():
    items = routine_schema()["properties"]["steps"]["items"]
    for cls in STEP_TYPES.values():
        for field, _spec in specced_fields(cls):
            offered = items["properties"][field.name]
            assert offered["description"] and offered["title"]
            assert set(offered) == {"title", "description"}  # help only: the branch checks
    minutes = items["properties"]["minutes"]["description"]
    ice, heat = minutes.split(" In heat steps: ")
    assert ice.startswith("In ice steps: How long the ice stays on.") and "0.25 to 30." in ice
    assert heat.startswith("How long the heat stays on.") and "0.25 to 60." in heat
    assert items["x-taplo"] == {"initKeys": ["type"]}


def test_the_pattern_quotes_no_raw_control_character_in_a_validator_message():
    title = routine_schema()["properties"]["title"]
    assert title["pattern"].startswith("^[^\\u0000-\\u001f\\u007f-\\u009f")
    assert all(ch.isprintable() for ch in title["pattern"] if ord(ch) <= 0xFFFF)


def test_new_puts_the_schema_its_first_line_names_beside_the_routine(tmp_path, capsys):
    assert main(["new", str(tmp_path / "a.toml"), "--title", "A"]) == 0
    assert "Wrote homecare-routine.schema.json beside it" in capsys.readouterr().out
    first_line = (tmp_path / "a.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"#:schema ./{SCHEMA_FILE_NAME}"
    assert (tmp_path / SCHEMA_FILE_NAME).read_text(encoding="utf-8") == schema_json()
    assert main(["new", str(tmp_path / "b.toml"), "--title", "B"]) == 0
    assert "homecare-routine.schema.json" not in capsys.readouterr().out  # already there


def test_new_leaves_another_file_of_the_schemas_name_alone_and_says_how_to_refresh(
    tmp_path, capsys
):
    (tmp_path / SCHEMA_FILE_NAME).write_text("{}", encoding="utf-8")
    assert main(["new", str(tmp_path / "a.toml"), "--title", "A"]) == 0
    assert "is not this homecare's schema; refresh it with: homecare schema -o" in (
        capsys.readouterr().out
    )
    assert (tmp_path / SCHEMA_FILE_NAME).read_text(encoding="utf-8") == "{}"
