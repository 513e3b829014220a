"""docs/routine-format.md lists every field with the ranges the specs hold, word for word."""

from __future__ import annotations

from pathlib import Path

from homecare.routine.model import STEP_TYPES, Psfs, Routine, Schedule, Stage
from homecare.routine.specs import (
    ChoiceSpec,
    DateSpec,
    DaysSpec,
    FlagSpec,
    NumberSpec,
    TableListSpec,
    TextListSpec,
    TextSpec,
    specced_fields,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "routine-format.md"


def field_table(cls: type) -> str:
    """The Markdown table of ``cls``'s fields, as the reference shows it."""
    rows = [
        "| field | what | default | allowed (error outside) | usual (warning outside) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for field, spec in specced_fields(cls):
        rows.append(
            f"| `{field.name}` | {spec.help} | {_default(field.default, cls, field.name)} "
            f"| {_allowed(spec)} | {_usual(spec)} |"
        )
    return "\n".join(rows)


def _default(value: object, cls: type, name: str) -> str:
    if name == "name" and hasattr(cls, "DEFAULT_NAME"):
        return f'"{cls.DEFAULT_NAME}"'
    if cls is Routine and name == "id":
        return "from the file name"
    if value is None or value == "" or value == ():
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    return f'"{value}"' if isinstance(value, str) else str(value)


def _allowed(spec: object) -> str:
    if isinstance(spec, NumberSpec):
        kind = "whole number" if spec.whole else "number (decimals allowed)"
        return f"{kind}, {spec.low} to {spec.high} {spec.unit}"
    if isinstance(spec, TextSpec):
        lines = "several lines" if spec.multiline else "one line"
        extra = f", matching `{spec.pattern}`" if spec.pattern else ""
        needed = ", required" if spec.required else ""
        return f"text, {lines}, at most {spec.max_length} characters{extra}{needed}"
    if isinstance(spec, ChoiceSpec):
        return " or ".join(f'"{c}"' for c in spec.choices)
    if isinstance(spec, FlagSpec):
        return "true or false"
    if isinstance(spec, DateSpec):
        return "a TOML date, e.g. 2026-03-02"
    if isinstance(spec, DaysSpec):
        return 'list of distinct "mon" … "sun"'
    if isinstance(spec, TextListSpec):
        return f"list of 0 to {spec.max_items} distinct texts, one line, at most {spec.max_length} characters each, none empty"
    assert isinstance(spec, TableListSpec)
    return f"{spec.min_items} to {spec.max_items} `[[steps.phases]]` tables"


def _usual(spec: object) -> str:
    if not isinstance(spec, NumberSpec) or (spec.soft_low is None and spec.soft_high is None):
        return ""
    low = spec.soft_low if spec.soft_low is not None else spec.low
    high = spec.soft_high if spec.soft_high is not None else spec.high
    return f"{low} to {high} ({spec.why})"


def all_tables() -> dict[str, str]:
    tables = {"routine": field_table(Routine), "schedule": field_table(Schedule)}
    tables["psfs"] = field_table(Psfs)
    tables["stage"] = field_table(Stage)
    tables |= {kind: field_table(cls) for kind, cls in STEP_TYPES.items()}
    phases = next(s for f, s in specced_fields(STEP_TYPES["interval"]) if f.name == "phases")
    tables["phase"] = field_table(phases.item_type)
    return tables


def test_every_field_table_in_the_reference_matches_the_specs():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name, table in all_tables().items() if table not in text]
    assert missing == [], f"regenerate with: python -m tests.routine.test_docs ({missing})"


if __name__ == "__main__":  # print the tables to paste into the reference
    for name, table in all_tables().items():
        print(f"<!-- {name} -->\n{table}\n")
