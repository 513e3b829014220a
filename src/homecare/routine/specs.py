"""Field specifications: the single source of each field's default, hard range and soft range.

Model dataclasses attach one of these to every field through ``dataclasses.field(metadata=…)``.
The loader checks files against them, the JSON Schema is generated from them, ``check`` warns
from them and the editor shows their ranges, so a bound is written down exactly once.

Hard ranges are sanity and safety limits: a value outside is an error. Soft ranges are where
clinical.md or common practice suggests a value; outside them is a warning (the clinician may
mean it). ``why`` says where a soft range comes from, and is shown with the warning.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

SPEC = "homecare.spec"


@dataclass(frozen=True)
class NumberSpec:
    """A whole number within ``low``..``high`` (hard), ideally within the soft range."""

    low: int
    high: int
    unit: str
    help: str
    soft_low: int | None = None
    soft_high: int | None = None
    why: str = ""


@dataclass(frozen=True)
class TextSpec:
    """Plain text of at most ``max_length`` characters; newlines only when ``multiline``.

    ``pattern``, when set, is a regular expression the whole text must match (the same string
    goes into the JSON Schema, so keep it to syntax Python and ECMAScript share).
    """

    max_length: int
    help: str
    multiline: bool = False
    required: bool = False
    pattern: str = ""


@dataclass(frozen=True)
class ChoiceSpec:
    """One of a fixed set of words."""

    choices: tuple[str, ...]
    help: str


@dataclass(frozen=True)
class FlagSpec:
    """true or false."""

    help: str


@dataclass(frozen=True)
class DateSpec:
    """A TOML date such as 2026-11-25."""

    help: str


@dataclass(frozen=True)
class DaysSpec:
    """A list of distinct weekday names (mon … sun)."""

    help: str


@dataclass(frozen=True)
class TableListSpec:
    """An array of tables (``[[steps.phases]]``), each loaded as ``item_type``."""

    item_type: type
    min_items: int
    max_items: int
    help: str


Spec = NumberSpec | TextSpec | ChoiceSpec | FlagSpec | DateSpec | DaysSpec | TableListSpec


def spec_field(default: Any, spec: Spec) -> Any:
    """A dataclass field carrying ``spec`` (immutable defaults only)."""
    return dataclasses.field(default=default, metadata={SPEC: spec})


def number(
    default: int | None,
    low: int,
    high: int,
    unit: str,
    help: str,
    *,
    soft_low: int | None = None,
    soft_high: int | None = None,
    why: str = "",
) -> Any:
    return spec_field(default, NumberSpec(low, high, unit, help, soft_low, soft_high, why))


def text(max_length: int, help: str, *, multiline: bool = False, default: str | None = "") -> Any:
    return spec_field(default, TextSpec(max_length, help, multiline))


def spec_of(field: dataclasses.Field) -> Spec | None:
    return field.metadata.get(SPEC)


def specced_fields(cls: type) -> list[tuple[dataclasses.Field, Spec]]:
    """The dataclass fields of ``cls`` that appear in routine files, in declaration order."""
    return [(f, spec) for f in dataclasses.fields(cls) if (spec := spec_of(f)) is not None]
