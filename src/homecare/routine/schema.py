"""The JSON Schema (draft 2020-12) of routine files, generated from the field specifications.

Editors use it for completion, hover help and checking (see docs/routine-format.md, "Checking
files in your editor"); ``homecare schema`` prints it. Everything a spec says goes in: type,
hard range, default, help, the soft range in the description. The rules that join two fields
are added here by hand, as the loader writes them by hand: a rest is timed or waits (not both),
a schedule has ``end`` or ``weeks`` (not both). What JSON Schema cannot say (an end date after
the start date, the file's encoding and size) only ``homecare check`` finds.

Keywords are kept to those every common validator knows (taplo's checker reads ``if``/``then``
but not the 2019+ additions such as ``dependentSchemas``), and the forbidden-character class is
written so Python's, Rust's and JavaScript's regular expressions all read it the same way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

from homecare.base.text import FORBIDDEN_CATEGORIES, MULTILINE_ALLOWED
from homecare.routine.model import (
    FOLLOW_THROUGH_FORMAT,
    FORMATS_READ,
    MAX_STAGES,
    MAX_STEPS,
    PICTURES_FORMAT,
    STEP_TYPES,
    WEEKDAYS,
    Psfs,
    RestStep,
    Routine,
    Schedule,
    Stage,
    Step,
)
from homecare.routine.specs import (
    ChoiceSpec,
    DateSpec,
    DaysSpec,
    FlagSpec,
    NumberSpec,
    Spec,
    TableListSpec,
    TextListSpec,
    TextSpec,
    specced_fields,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_json() -> str:
    """The schema as the text ``homecare schema`` prints (ASCII, stable key order)."""
    return json.dumps(routine_schema(), indent=2) + "\n"


def _and(numbers: tuple[int, ...]) -> str:
    words = [str(number) for number in numbers]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def routine_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "title": f"homecare routine file, formats {_and(FORMATS_READ)}",
        "description": "A home-care routine a clinician prescribes: a title, optional details "
        "and schedule, and one or more [[steps]] (or, in format 3, [[stages]] that each have "
        "their steps). Reference: docs/routine-format.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", *_required(Routine)],
        "allOf": [*_steps_or_stages(), _feedback_needs_format_3()],
        "x-taplo": {"initKeys": ["format", *_required(Routine)]},
        "properties": {
            "format": {
                "title": "Format",
                "description": f"The routine file format: 1, or {PICTURES_FORMAT} for a file "
                f"whose steps have pictures, or {FOLLOW_THROUGH_FORMAT} for a file with stages, "
                "feedback per exercise or the PSFS. A file with a higher number needs a newer "
                "homecare.",
                "type": "integer",
                "enum": list(FORMATS_READ),
            },
            **_properties(Routine),
            "schedule": {
                **_object(Schedule, "How often the routine is prescribed."),
                # end or weeks, not both: reported at weeks ("False schema does not allow 3")
                "if": {"required": ["end"]},
                "then": {"properties": {"weeks": False}},
            },
            "psfs": {
                **_object(Psfs, _doc(Psfs)),
                "title": "Patient-Specific Functional Scale",
            },
            "steps": {
                "title": "Steps",
                "description": "The steps, in order. Each starts with its type.",
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_STEPS,
                "items": _step_schema(),
            },
            "stages": _stages_schema(),
        },
        # a file with [psfs] says format 3 (or later): reported at format
        "if": {"required": ["psfs"]},
        "then": {"properties": {"format": {"minimum": FOLLOW_THROUGH_FORMAT}}},
    }


def _feedback_needs_format_3() -> dict[str, Any]:
    """A file that says ``feedback`` (on the routine or a step) says format 3 or later
    (homecare.routine.feedback); reported at ``format``: "1 is less than the minimum of 3"."""
    on_a_step = {"properties": {"steps": {"contains": {"required": ["feedback"]}}}}
    return {
        "if": {"anyOf": [{"required": ["feedback"]}, {**on_a_step, "required": ["steps"]}]},
        "then": {"properties": {"format": {"minimum": FOLLOW_THROUGH_FORMAT}}},
    }


def _steps_or_stages() -> list[dict[str, Any]]:
    """[[steps]] or [[stages]], not both; stages only in format 3 (as the loader says)."""
    return [
        {
            "if": {"required": ["stages"]},
            "then": {"properties": {"format": {"const": FOLLOW_THROUGH_FORMAT}, "steps": False}},
            "else": {"required": ["steps"]},
        }
    ]


def _stages_schema() -> dict[str, Any]:
    """``[[stages]]``: a name, weeks or days (not both), an optional schedule of sessions per
    day and weekdays (a stage's dates come from its length), and the stage's steps."""
    schedule_fields = ("times_per_day", "days")
    schedule = _object(Schedule, "The stage's own sessions per day and weekdays.")
    schedule["properties"] = {
        k: v for k, v in schedule["properties"].items() if k in schedule_fields
    }
    stage = _object(Stage, _doc(Stage))
    stage["properties"] |= {
        "schedule": schedule,
        "steps": {
            "title": "Steps",
            "description": "The stage's steps, in order. Each starts with its type.",
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_STEPS,
            "items": _step_schema(),
        },
    }
    stage["required"] = [*_required(Stage), "steps"]
    # weeks or days, not both: reported at days
    stage["allOf"] = [
        {"if": {"required": ["weeks"]}, "then": {"properties": {"days": False}}},
        {"if": {"not": {"required": ["days"]}}, "then": {"required": ["weeks"]}},
    ]
    stage["x-taplo"] = {"initKeys": ["name", "weeks"]}
    return {
        "title": "Stages",
        "description": f"Format {FOLLOW_THROUGH_FORMAT}: stages that take over one after the "
        "other from the prescription's start, each with its own steps, instead of [[steps]]. "
        "The last stage goes on until the schedule ends.",
        "type": "array",
        "minItems": 1,
        "maxItems": MAX_STAGES,
        "items": stage,
    }


def _step_schema() -> dict[str, Any]:
    """One ``[[steps]]`` table: ``type`` is checked first, then only that type's fields.

    ``if``/``then`` per type, rather than ``oneOf`` over the types, lets a validator report
    the key or value at fault ("cycle is not allowed", "90 is greater than the maximum of
    30") instead of "not valid under any of the schemas listed in oneOf" for the whole table.
    The table's own ``properties`` hold every step field's help (no constraints) so an editor
    that does not follow ``if`` still completes keys and shows their meaning.
    """
    kinds = list(STEP_TYPES.values())
    by_type = [_step_type_schema(cls) for cls in kinds]
    return {
        "title": "Step",
        "description": "One step of the routine; its type says which fields it has. "
        + " ".join(f"{cls.TYPE}: {_doc(cls)}" for cls in kinds),
        "type": "object",
        "required": ["type"],
        "properties": {"type": _step_type_property(kinds), **_help_only(by_type)},
        "allOf": [
            {
                "if": {"properties": {"type": {"const": cls.TYPE}}, "required": ["type"]},
                "then": schema,
            }
            for cls, schema in zip(kinds, by_type, strict=True)
        ],
        "x-taplo": {"initKeys": ["type"]},
    }


def _step_type_property(kinds: list[type[Step]]) -> dict[str, Any]:
    return {
        "title": "Step type",
        "description": "The kind of step; it decides which other fields the step has.",
        "type": "string",
        "enum": [cls.TYPE for cls in kinds],
        "x-taplo": {"docs": {"enumValues": [_doc(cls) for cls in kinds]}},
    }


def _help_only(by_type: list[dict[str, Any]]) -> dict[str, Any]:
    """Every step field's title and description, naming the types whose help differs."""
    merged: dict[str, dict[str, Any]] = {}
    for schema in by_type:
        step_type = schema["properties"]["type"]["const"]
        for name, field in schema["properties"].items():
            if name != "type":
                merged.setdefault(name, {})[step_type] = field["description"]
    return {
        name: {
            "title": _title(name),
            "description": next(iter(texts.values()))
            if len(set(texts.values())) == 1
            else " ".join(f"In {kind} steps: {text}" for kind, text in texts.items()),
        }
        for name, texts in merged.items()
    }


def _step_type_schema(cls: type[Step]) -> dict[str, Any]:
    schema = _object(cls, f"A {cls.TYPE} step: {_doc(cls)}")
    schema["title"] = f"{cls.DEFAULT_NAME} ({cls.TYPE} step)"
    schema["properties"] = {"type": {"const": cls.TYPE}, **schema["properties"]}
    schema["properties"]["name"]["default"] = cls.DEFAULT_NAME
    schema["dependentRequired"] = {"image": ["image_alt"], "image_alt": ["image"]}
    if cls is RestStep:  # timed (seconds) or until_ready = true, not both
        waits = {"properties": {"until_ready": {"const": True}}, "required": ["until_ready"]}
        schema["allOf"] = [
            # with seconds, "until_ready = true" is marked: "false was expected"
            {
                "if": {"required": ["seconds"]},
                "then": {"properties": {"until_ready": {"const": False}}},
            },
            {"if": {"not": waits}, "then": {"required": ["seconds"]}},
        ]
    return schema


def _object(cls: type, description: str) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "properties": _properties(cls),
    }
    required = _required(cls)
    if required:
        schema["required"] = required
    return schema


def _required(cls: type) -> list[str]:
    """Fields a file must give: required text, and lists of tables that need at least one."""
    return [
        f.name
        for f, spec in specced_fields(cls)
        if getattr(spec, "required", False) or getattr(spec, "min_items", 0) > 0
    ]


def _properties(cls: type) -> dict[str, Any]:
    properties = {}
    for field, spec in specced_fields(cls):
        schema = {"title": _title(field.name), **_value_schema(spec)}
        if field.default not in (None, "", ()):  # an empty default says nothing to an editor
            schema["default"] = field.default
        properties[field.name] = schema
    return properties


def _value_schema(spec: Spec) -> dict[str, Any]:
    if isinstance(spec, NumberSpec):
        return {
            "description": _number_description(spec),
            "type": "integer" if spec.whole else "number",
            "minimum": spec.low,
            "maximum": spec.high,
        }
    if isinstance(spec, TextSpec):
        return _text_schema(spec)
    if isinstance(spec, ChoiceSpec):
        return {"description": _sentence(spec.help), "type": "string", "enum": list(spec.choices)}
    if isinstance(spec, FlagSpec):
        return {"description": _sentence(spec.help), "type": "boolean"}
    if isinstance(spec, DateSpec):
        return {
            "description": _sentence(spec.help) + " A TOML date without quotes: 2026-03-02.",
            "type": "string",
            "format": "date",
        }
    if isinstance(spec, DaysSpec):
        return {
            "description": _sentence(spec.help),
            "type": "array",
            "items": {"type": "string", "enum": list(WEEKDAYS)},
            "uniqueItems": True,
        }
    if isinstance(spec, TextListSpec):
        item = TextSpec(spec.max_length, spec.help, required=True)
        return {
            "description": _sentence(spec.help),
            "type": "array",
            "maxItems": spec.max_items,
            "uniqueItems": True,
            "items": {k: v for k, v in _text_schema(item).items() if k != "description"},
        }
    assert isinstance(spec, TableListSpec)
    return {
        "description": _sentence(spec.help),
        "type": "array",
        "minItems": spec.min_items,
        "maxItems": spec.max_items,
        "items": {
            **_object(spec.item_type, _doc(spec.item_type)),
            "x-taplo": {"initKeys": _required(spec.item_type)},
        },
    }


def _text_schema(spec: TextSpec) -> dict[str, Any]:
    lines = "Several lines allowed." if spec.multiline else "One line."
    schema: dict[str, Any] = {
        "description": f"{_sentence(spec.help)} {lines} At most {spec.max_length} characters.",
        "type": "string",
        "maxLength": spec.max_length,
    }
    if spec.pattern:
        schema["pattern"] = spec.pattern
        return schema
    schema["pattern"] = f"^[^{_forbidden_class(spec.multiline)}]*$"
    if spec.required:  # not empty, and not only spaces
        schema["minLength"] = 1
        schema["allOf"] = [{"pattern": "\\S"}]
    return schema


# The characters the text policy refuses lie in planes 0 and 1 and in the first block of
# plane 14 (tags): planes 2 and 3 hold only CJK ideographs, 4 to 13 are unassigned and 15 and 16
# are private use. A Unicode newer than the table below is scanned there (about 30 ms).
_SCANNED = (range(0x0, 0x20000), range(0xE0000, 0xE1000))
# Every code point in FORBIDDEN_CATEGORIES as of Unicode 15.1 (Python 3.13), as inclusive ranges,
# so `homecare schema` need not scan. The older Unicodes of Pythons 3.10 to 3.12 refuse a subset
# of them, so the running Python's categories filter the table; tests/routine/test_schema.py
# scans all of Unicode again on the running Python and compares.
_TABLE_UNICODE = (15, 1, 0)
_TABLE = (
    (0x0000, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)


def _forbidden_class(multiline: bool) -> str:
    """What ``textpolicy`` refuses, as the inside of a regex class: ``\\u0000-\\u001f…``."""
    allowed = MULTILINE_ALLOWED if multiline else ""
    ranges: list[list[int]] = []
    for code in _forbidden_codes():
        if chr(code) in allowed:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in ranges)


def _escape(code: int) -> str:
    """``\\u001b`` for the basic plane: Python, Rust (taplo) and ECMAScript all read it, and a
    validator quoting the pattern in a message shows text, not raw controls. ECMAScript has no
    escape for the planes above, so those few format characters stay literal."""
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


@lru_cache(maxsize=1)
def _forbidden_codes() -> tuple[int, ...]:
    """Every code point in a category the loader refuses, in the running Python's Unicode."""
    return tuple(
        code
        for scanned in _candidates(unicodedata.unidata_version)
        for code, category in zip(
            scanned, map(unicodedata.category, map(chr, scanned)), strict=True
        )
        if category in FORBIDDEN_CATEGORIES
    )


def _candidates(unicode_version: str) -> tuple[range, ...]:
    """Where the refused code points can be: the table, or for a newer Unicode the scan."""
    if tuple(map(int, unicode_version.split("."))) > _TABLE_UNICODE:
        return _SCANNED
    return tuple(range(first, last + 1) for first, last in _TABLE)


def _number_description(spec: NumberSpec) -> str:
    kind = "" if spec.whole else " (decimals allowed)"
    text = f"{_sentence(spec.help)} In {spec.unit}{kind}, {spec.low} to {spec.high}."
    if spec.soft_low is not None or spec.soft_high is not None:
        low = spec.soft_low if spec.soft_low is not None else spec.low
        high = spec.soft_high if spec.soft_high is not None else spec.high
        text += f" Usually {low} to {high} ({spec.why}); outside that, homecare check warns."
    return text


def _doc(cls: type) -> str:
    """A model class's docstring as help text: no reStructuredText quotes, and no pointer to
    the clinical notes behind the code, which clinicians reading the schema do not have."""
    text = (cls.__doc__ or "").strip().replace("``", "")
    return re.sub(r" \(clinical\.md[^)]*\)", "", text)


def _title(field_name: str) -> str:
    """``contract_seconds`` as "Contract seconds": the heading an editor shows on hover."""
    return field_name.replace("_", " ").capitalize()


def _sentence(help_text: str) -> str:
    return help_text[:1].upper() + help_text[1:] + ("" if help_text.endswith(".") else ".")
