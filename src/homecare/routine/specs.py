"""Field specifications: the single source of each field's default, hard range and soft range.

Model dataclasses attach one of these to every field through ``dataclasses.field(metadata=…)``.
The loader checks files against them, the JSON Schema is generated from them, ``check`` warns
from them and the editor shows their ranges, so a bound is written down exactly once.

Specs are named tuples rather than dataclasses: they are plain values, and a named tuple class
is several times cheaper to create, which every command pays for at start-up.

Hard ranges are sanity and safety limits: a value outside is an error. Soft ranges are where
docs/clinical-basis.md says a value usually lies; outside them is a warning (the clinician may
mean it). ``why`` says where a soft range comes from, and is shown with the warning.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

SPEC = "homecare.spec"


class NumberSpec(NamedTuple):
    """A number within ``low``..``high`` (hard), ideally within the soft range.

    Whole numbers only, unless ``whole`` is false (ice and heat minutes: 0.5 is half a minute).
    """

    low: float
    high: float
    unit: str
    help: str
    soft_low: float | None = None
    soft_high: float | None = None
    why: str = ""
    whole: bool = True


class TextSpec(NamedTuple):
    """Plain text of at most ``max_length`` characters; newlines only when ``multiline``.

    ``pattern``, when set, is a regular expression the whole text must match (the same string
    goes into the JSON Schema, so keep it to syntax Python and ECMAScript share).
    """

    max_length: int
    help: str
    multiline: bool = False
    required: bool = False
    pattern: str = ""


class ChoiceSpec(NamedTuple):
    """One of a fixed set of words."""

    choices: tuple[str, ...]
    help: str


class FlagSpec(NamedTuple):
    """true or false."""

    help: str


class DateSpec(NamedTuple):
    """A TOML date such as 2026-11-25."""

    help: str


class DaysSpec(NamedTuple):
    """A list of distinct weekday names (mon … sun)."""

    help: str


class TextListSpec(NamedTuple):
    """A list of at most ``max_items`` distinct one-line texts, none empty, each at most
    ``max_length`` characters (the PSFS activities)."""

    max_items: int
    max_length: int
    help: str


class TableListSpec(NamedTuple):
    """An array of tables (``[[steps.phases]]``), each loaded as ``item_type``."""

    item_type: type
    min_items: int
    max_items: int
    help: str


Spec = (
    NumberSpec
    | TextSpec
    | ChoiceSpec
    | FlagSpec
    | DateSpec
    | DaysSpec
    | TextListSpec
    | TableListSpec
)


def spec_field(default: Any, spec: Spec) -> Any:
    """A dataclass field carrying ``spec`` (immutable defaults only)."""
    return dataclasses.field(default=default, metadata={SPEC: spec})


def number(
    default: float | None,
    low: float,
    high: float,
    unit: str,
    help: str,
    *,
    soft_low: float | None = None,
    soft_high: float | None = None,
    why: str = "",
    whole: bool = True,
) -> Any:
    return spec_field(default, NumberSpec(low, high, unit, help, soft_low, soft_high, why, whole))


def text(max_length: int, help: str, *, multiline: bool = False, default: str | None = "") -> Any:
    return spec_field(default, TextSpec(max_length, help, multiline))


def spec_of(field: dataclasses.Field) -> Spec | None:
    return field.metadata.get(SPEC)


def specced_fields(cls: type) -> list[tuple[dataclasses.Field, Spec]]:
    """The dataclass fields of ``cls`` that appear in routine files, in declaration order."""
    return [(f, spec) for f in dataclasses.fields(cls) if (spec := spec_of(f)) is not None]
