"""Routine values to TOML files, through tomli-w, written atomically.

The output is meant for people: ``format``, ``id``, ``title``, the prescription details, the
schedule, then the steps, each starting with its ``type`` and ending with its instructions.
A field is left out only while it holds an empty default (no text, no value, ``false``); every
number and every non-empty default (such as a PIR step's ``force``) is written, so a file means
the same thing if a later version changes a default.

The first line is a ``#:schema`` directive for editors (taplo, VS Code's Even Better TOML): it
names ``homecare-routine.schema.json`` in the file's own folder, which ``homecare schema -o``
writes. A relative path keeps the file private and offline (no URL to fetch) and lets it travel
with its schema; see docs/routine-format.md, "Checking files in your editor".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from homecare.base.atomic import write_atomic
from homecare.routine.model import Routine, Stage, Step
from homecare.routine.specs import TableListSpec, specced_fields

SCHEMA_FILE_NAME = "homecare-routine.schema.json"
SCHEMA_DIRECTIVE = f"#:schema ./{SCHEMA_FILE_NAME}"
_HEADER = (
    f"{SCHEMA_DIRECTIVE}\n"
    "# A homecare routine file. Check it with: homecare check FILE\n"
    "# Reference: docs/routine-format.md in homecare.\n\n"
)
_LAST_STEP_FIELD = "instructions"  # long text reads best after the numbers it explains


def dumps_routine(routine: Routine, *, schema_comment: bool = True) -> str:
    """The routine as the text of a routine file."""
    file_format = max(routine.format, routine.needed_format)
    head: dict[str, Any] = {"format": file_format, "id": routine.id, **_table(routine)}
    if routine.schedule is not None:
        head["schedule"] = _table(routine.schedule)
    if routine.psfs is not None:
        head["psfs"] = _table(routine.psfs)
    parts = [_HEADER] if schema_comment else []
    parts.append(_dumps(head))
    parts += [_array_item("steps", _step_table(step)) for step in routine.steps]
    parts += [_stage_text(stage) for stage in routine.stages]
    return "".join(parts)


def _stage_text(stage: Stage) -> str:
    """One ``[[stages]]`` table: its name and length, ``[stages.schedule]``, its steps."""
    text = f"\n[[stages]]\n{_dumps(_table(stage))}"
    if stage.schedule is not None:
        text += f"\n[stages.schedule]\n{_dumps(_table(stage.schedule))}"
    return text + "".join(_array_item("stages.steps", _step_table(step)) for step in stage.steps)


def write_routine(routine: Routine, path: str | Path, *, overwrite: bool = False) -> None:
    """Write ``routine`` to ``path`` atomically; ``UserError`` if it exists (and not overwrite)."""
    write_atomic(Path(path), dumps_routine(routine).encode("utf-8"), overwrite=overwrite)


def _step_table(step: Step) -> dict[str, Any]:
    table = {"type": step.TYPE, **_table(step)}
    if _LAST_STEP_FIELD in table:
        table[_LAST_STEP_FIELD] = table.pop(_LAST_STEP_FIELD)
    return table


def _array_item(name: str, table: dict[str, Any]) -> str:
    """One ``[[name]]`` table, its own lists of tables (an interval's phases) after it.

    Written by hand around tomli-w because tomli-w inlines short arrays of tables, and a
    clinician reads ``[[steps]]`` blocks far more easily than one long line per step.
    """
    nested = {key: table.pop(key) for key in [k for k, v in table.items() if _is_table_list(v)]}
    text = f"\n[[{name}]]\n{_dumps(table)}"
    for key, items in nested.items():
        text += "".join(_array_item(f"{name}.{key}", item) for item in items)
    return text


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _dumps(table: dict[str, Any]) -> str:
    return tomli_w.dumps(table, multiline_strings=True)


def _says_nothing(default: Any) -> bool:
    return default is None or default is False or default == "" or default == ()


def _table(value: Any) -> dict[str, Any]:
    """The specced fields of a model value, leaving out those still at an empty default."""
    table: dict[str, Any] = {}
    for field, spec in specced_fields(type(value)):
        item = getattr(value, field.name)
        if item == field.default and _says_nothing(field.default):
            continue
        if isinstance(spec, TableListSpec):
            item = [_table(element) for element in item]
        elif isinstance(item, tuple):
            item = list(item)
        table[field.name] = item
    return table
