"""Validating TOML data against the generated schema the way an editor does."""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache
from typing import Any

import jsonschema

from homecare.routine.schema import routine_schema


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft202012Validator:
    schema = routine_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def as_json(value: Any) -> Any:
    """TOML values as JSON ones: dates and times become ISO strings, as editors treat them."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, (date, time)):
        return value.isoformat()
    return value


def schema_errors(table: dict[str, Any]) -> list[str]:
    return [error.message for error in validator().iter_errors(as_json(table))]
