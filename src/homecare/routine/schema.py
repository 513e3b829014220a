"""The JSON Schema (draft 2020-12) of routine files, generated from the field specifications.

Editors use it for completion, hover help and checking (see docs/routine-format.md, "Checking
files in your editor"); ``homecare schema`` prints it. Everything a spec says goes in: type,
hard range, default, help, the soft range in the description. The rules that join two fields
are added here by hand, as the loader writes them by hand: a rest is timed or waits (not both),
a schedule has ``end`` or ``weeks`` (not both). What JSON Schema cannot say (an end date after
the start date, the file's encoding and size) only ``homecare check`` finds.

Keywords are kept to those every common validator knows (taplo follows draft 4 closely), and
the forbidden-character class is written with literal characters so Python's, Rust's and
JavaScript's regular expressions all read it the same way.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from typing import Any

from homecare.routine.model import (
    FORMATS_READ,
    MAX_STEPS,
    PICTURES_FORMAT,
    STEP_TYPES,
    WEEKDAYS,
    RestStep,
    Routine,
    Schedule,
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
    TextSpec,
    specced_fields,
)
from homecare.routine.textpolicy import FORBIDDEN_CATEGORIES, MULTILINE_ALLOWED

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_json() -> str:
    """The schema as the text ``homecare schema`` prints (ASCII, stable key order)."""
    return json.dumps(routine_schema(), indent=2) + "\n"


def routine_schema() -> dict[str, Any]:
    steps = [_step_schema(cls) for cls in STEP_TYPES.values()]
    return {
        "$schema": DRAFT,
        "title": f"homecare routine file, formats {' and '.join(map(str, FORMATS_READ))}",
        "description": "A home-care routine a clinician prescribes: a title, optional details "
        "and schedule, and one or more [[steps]]. Reference: docs/routine-format.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", *_required(Routine), "steps"],
        "properties": {
            "format": {
                "description": f"The routine file format: 1, or {PICTURES_FORMAT} for a file "
                "whose steps have pictures. A file with a higher number needs a newer homecare.",
                "type": "integer",
                "enum": list(FORMATS_READ),
            },
            **_properties(Routine),
            "schedule": {
                **_object(Schedule, "How often the routine is prescribed."),
                "not": {"required": ["end", "weeks"]},  # give end or weeks, not both
            },
            "steps": {
                "description": "The steps, in order. Each starts with its type.",
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_STEPS,
                "items": {"oneOf": steps},
            },
        },
    }


def _step_schema(cls: type[Step]) -> dict[str, Any]:
    doc = (cls.__doc__ or "").strip()
    schema = _object(cls, f"A {cls.TYPE} step: {doc}")
    schema["properties"] = {
        "type": {"description": "The kind of step.", "type": "string", "enum": [cls.TYPE]},
        **schema["properties"],
    }
    schema["properties"]["name"]["default"] = cls.DEFAULT_NAME
    schema["required"] = ["type", *schema.get("required", [])]
    schema["dependentRequired"] = {"image": ["image_alt"], "image_alt": ["image"]}
    if cls is RestStep:  # exactly one of: seconds, or until_ready = true
        schema["oneOf"] = [
            {"required": ["seconds"], "properties": {"until_ready": {"enum": [False]}}},
            {
                "required": ["until_ready"],
                "properties": {"until_ready": {"enum": [True]}},
                "not": {"required": ["seconds"]},
            },
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
        schema = _value_schema(spec)
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
    assert isinstance(spec, TableListSpec)
    return {
        "description": _sentence(spec.help),
        "type": "array",
        "minItems": spec.min_items,
        "maxItems": spec.max_items,
        "items": _object(spec.item_type, (spec.item_type.__doc__ or "").strip()),
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
# are private use. Scanning only these keeps `homecare schema` fast.
_SCANNED = (range(0x0, 0x20000), range(0xE0000, 0xE1000))


def _forbidden_class(multiline: bool) -> str:
    """The characters ``textpolicy`` refuses, as the inside of a regex class: ``\\x00-\\x1f…``."""
    allowed = MULTILINE_ALLOWED if multiline else ""
    ranges: list[list[int]] = []
    for code in _forbidden_codes():
        if chr(code) in allowed:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


@lru_cache(maxsize=1)
def _forbidden_codes() -> tuple[int, ...]:
    """Every code point in a category the loader refuses, found by scanning Unicode once."""
    return tuple(
        code
        for scanned in _SCANNED
        for code, category in zip(scanned, map(unicodedata.category, map(chr, scanned)))
        if category in FORBIDDEN_CATEGORIES
    )


def _number_description(spec: NumberSpec) -> str:
    kind = "" if spec.whole else " (decimals allowed)"
    text = f"{_sentence(spec.help)} In {spec.unit}{kind}, {spec.low} to {spec.high}."
    if spec.soft_low is not None or spec.soft_high is not None:
        low = spec.soft_low if spec.soft_low is not None else spec.low
        high = spec.soft_high if spec.soft_high is not None else spec.high
        text += f" Usually {low} to {high} ({spec.why}); outside that, homecare check warns."
    return text


def _sentence(help_text: str) -> str:
    return help_text[:1].upper() + help_text[1:] + ("" if help_text.endswith(".") else ".")
