"""Routine files to ``Routine`` values, collecting every problem rather than stopping at the first.

A clinician fixing a file wants the whole list at once, each problem located by file, step and
field, in plain words, with a "did you mean" for a misspelt key. Every check comes from the
field specifications in ``homecare.routine.specs`` (through the model's field metadata); the
few rules that join two fields (rest, schedule) are written here. Text handling follows
``homecare.base.text``.
"""

from __future__ import annotations

import codecs
import math
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from homecare.base.days import LAST_DAY
from homecare.base.reading import Unreadable, read_bounded
from homecare.base.text import char_name, first_forbidden, visible, visible_path
from homecare.routine.feedback import feedback_problems
from homecare.routine.limits import warnings_for
from homecare.routine.model import (
    FOLLOW_THROUGH_FORMAT,
    FORMAT_VERSION,
    FORMATS_READ,
    MAX_FILE_BYTES,
    MAX_STAGED_STEPS,
    MAX_STAGES,
    MAX_STEPS,
    RESERVED_WORDS,
    STEP_TYPES,
    WEEKDAYS,
    Psfs,
    RestStep,
    Routine,
    RoutineFile,
    Schedule,
    Stage,
    Step,
    reserved_on_windows,
)
from homecare.routine.pictures import check_pictures, field_problems, folder_reader
from homecare.routine.problems import Problem, RoutineError
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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_NAME_SPEC = next(spec for f, spec in specced_fields(Step) if f.name == "name")
_STAGE_NAME_SPEC = next(spec for f, spec in specced_fields(Stage) if f.name == "name")
MAX_PROBLEMS = 100  # a hostile file could produce thousands; the first hundred are enough
_TOP_LEVEL_STRUCTURE = ("format", "schedule", "steps", "stages", "psfs")
_TOO_LARGE = (
    "is too large for a routine file (more than 1 MiB); a routine is a few kilobytes of text"
)


class InvalidValue(ValueError):
    """A value that does not fit its field's specification; the message says why."""


# ---------------------------------------------------------------------------------------------
# Public entry points


def load_file(path: str | Path, origin: str = "file") -> RoutineFile:
    """Read and check one routine file; raise ``RoutineError`` with every problem found."""
    path = Path(path)
    data, routine = _load(path)
    import hashlib  # here, not at the top: `homecare check` needs no hash and starts faster

    return RoutineFile(path, routine, hashlib.sha256(data).hexdigest(), origin)


def check_file(path: str | Path) -> tuple[Routine | None, list[Problem]]:
    """Check ``path`` for ``homecare check``: the errors, or the routine and its warnings."""
    try:
        _, routine = _load(Path(path))
    except RoutineError as error:
        return None, list(error.problems)
    return routine, warnings_for(routine, _label(path))


def parse_routine(data: bytes | str, file: str, default_id: str) -> Routine:
    """Check ``data`` (a whole routine file) and return the routine it describes.

    ``file`` names the file in messages; ``default_id`` is the id used when the file gives none
    (``load_file`` passes the file name, slugified).
    """
    report = _Report(file)
    text = _decode(data, report) if isinstance(data, bytes) else data
    table = _parse_toml(text, report) if text is not None else None
    if table is None:
        raise RoutineError(report.problems)
    routine = _routine(table, report, default_id)
    report.problems += field_problems(routine, file) + feedback_problems(routine, file)
    if report.problems:
        raise RoutineError(report.problems)
    return routine


def check_value(spec: Spec, value: Any) -> Any:
    """``value`` converted for a field with ``spec``; ``InvalidValue`` says what is wrong.

    The checks for one field, on their own: an editor can use them to check a form field.
    """
    if isinstance(spec, NumberSpec):
        return _number(spec, value)
    if isinstance(spec, TextSpec):
        return _text(spec, value)
    if isinstance(spec, ChoiceSpec):
        return _choice(spec, value)
    if isinstance(spec, FlagSpec):
        if not isinstance(value, bool):
            raise InvalidValue(f"must be true or false, without quotes ({_found(value)})")
        return value
    if isinstance(spec, DateSpec):
        if not isinstance(value, date) or isinstance(value, datetime):
            raise InvalidValue(f"must be a date like 2026-03-02, without quotes ({_found(value)})")
        return value
    if isinstance(spec, DaysSpec):
        return _days(value)
    if isinstance(spec, TextListSpec):
        return _texts(spec, value)
    raise TypeError(f"check_value does not handle {type(spec).__name__}")  # pragma: no cover


def slugify(name: str) -> str:
    """A valid routine id made from a file name: ``Lower Back (PIR)`` -> ``lower-back-pir``."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return slug or "routine"


# ---------------------------------------------------------------------------------------------
# Bytes to a TOML table


def _label(path: str | Path) -> str:
    """The file as messages name it: the whole path (a very long one loses its middle)."""
    return visible_path(path)


def _load(path: Path) -> tuple[bytes, Routine]:
    if path.suffix.lower() == ".homecare":  # a routine packed with its pictures (rarely used)
        return _load_pack(path, _label(path))
    data = _read_bytes(path, _label(path))
    routine = parse_routine(data, _label(path), slugify(path.stem))
    if routine.has_pictures:
        problems = check_pictures(routine, folder_reader(path.parent), _label(path))
        if problems:
            raise RoutineError(problems)
    return data, routine


def _load_pack(path: Path, label: str) -> tuple[bytes, Routine]:
    """The pack's bytes (for its hash) and its routine, every check passed; ``RoutineError``."""
    from homecare.routine.pack import ROUTINE_ENTRY, read_pack, unused_entries

    pack = read_pack(path, label)
    file = f"{label}: {ROUTINE_ENTRY}"
    routine = parse_routine(pack.routine_data, file, slugify(path.stem))
    problems = check_pictures(routine, pack.reader(), file) + unused_entries(pack, routine, label)
    if problems:
        raise RoutineError(problems)
    return pack.data, routine


def _read_bytes(path: Path, label: str) -> bytes:
    """The file's bytes, through the one safe reader (a FIFO, a device or a folder is refused;
    at most the size limit is read)."""
    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except Unreadable as error:
        too_large = error.reason.startswith("is too large")
        raise RoutineError([Problem(label, _TOO_LARGE if too_large else error.reason)]) from None


def _decode(data: bytes, report: _Report) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        report.add(_TOO_LARGE)
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        report.add("is saved as UTF-16; save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")
        return None
    offset = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[offset:].decode("utf-8")
    except UnicodeDecodeError as error:
        position = offset + error.start
        line = data.count(b"\n", 0, position) + 1
        report.add(
            f"is not UTF-8 text: byte 0x{data[position]:02X} at byte offset {position} "
            "cannot be read; save the file as UTF-8",
            line=line,
        )
        return None


# tomllib's messages, in words for people who do not write TOML every day.
_SYNTAX_HINTS = {
    "Invalid value": 'this value is not valid: text goes in "quotes", numbers and dates '
    "without quotes, true and false in lower case",
    "Expected '=' after a key in a key/value pair": "expected = after the field name",
    "Cannot overwrite a value": "this field is given twice",
    "Unterminated string": "a text value has no closing quote",
    "Unclosed array": "a list has no closing ]",
    "Unclosed inline table": "an inline table has no closing }",
    "Expected newline or end of document after a statement": "expected the end of the line "
    "after the value (one field per line)",
    "Invalid initial character for a key part": "a field name is not valid here",
}
# Compiled on first use (by re's cache), not at import: most files have no syntax error.
_POSITION = (
    r"(?s)^(?P<message>.*?)(?: \(at line (?P<line>\d+), column (?P<column>\d+)\)"
    r"| \(at end of document\))?$"
)


def _syntax_words(message: str) -> str:
    """tomllib's message in plain words, naming an illegal character the way text checks do."""
    hint = _SYNTAX_HINTS.get(message)
    if hint:
        return hint
    if message.startswith("Cannot declare"):
        return "this table is declared twice"
    illegal = re.fullmatch(r"Illegal character (?P<repr>'.*')", message)
    if illegal:
        import ast  # only for a file with a syntax error

        char = ast.literal_eval(illegal["repr"])
        if char == "\n":
            return 'a text value has no closing quote (text on several lines needs """)'
        return f"contains {char_name(char)}, which is not allowed in a routine file"
    return visible(message, limit=200)


def _parse_toml(text: str, report: _Report) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.match(_POSITION, str(error))
        assert found is not None  # the pattern matches any string
        message = found["message"]
        line = int(found["line"]) if found["line"] else text.count("\n") + 1
        column = int(found["column"]) if found["column"] else None
        words = _syntax_words(message)
        report.add(f"not valid TOML: {words}", line=line, column=column)
    except RecursionError:
        report.add("not valid for homecare: values are nested too deeply")
    except ValueError:  # e.g. an integer with more digits than Python will convert
        report.add("not valid for homecare: a number in this file is far too long")
    return None


# ---------------------------------------------------------------------------------------------
# Collecting problems


@dataclass
class _Report:
    """Where problems go; ``at`` makes a copy that locates them in a step or table."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    step: int | None = None
    step_name: str | None = None
    stage: int | None = None  # a staged routine's stage, from 1
    stage_name: str | None = None
    prefix: str = ""  # "schedule." for fields of [schedule]
    suffix: str = ""  # " (phase 2)" for fields of an interval's phase

    def at(self, **where: Any) -> _Report:
        return replace(self, **where)  # shares the problems list

    def add(self, message: str, *, key: str | None = None, **location: Any) -> None:
        if len(self.problems) == MAX_PROBLEMS:
            self.problems.append(Problem(self.file, "too many problems; fix these first"))
        if len(self.problems) > MAX_PROBLEMS:
            return
        label = None if key is None else f"{self.prefix}{visible(key)}{self.suffix}"
        self.problems.append(
            Problem(
                self.file,
                message,
                self.step,
                self.step_name,
                label,
                stage=self.stage,
                stage_name=self.stage_name,
                **location,
            )
        )


# ---------------------------------------------------------------------------------------------
# A TOML table to the model


def _routine(table: dict[str, Any], report: _Report, default_id: str) -> Routine:
    if not _format_ok(table.get("format"), report):
        return Routine()
    values = _fields(Routine, table, report, "routine", skip=_TOP_LEVEL_STRUCTURE)
    values.setdefault("id", default_id)
    if reserved_on_windows(values["id"]):
        report.add(f"{values['id']!r} {RESERVED_WORDS}; give the routine another id", key="id")
    if type(table.get("format")) is int and table["format"] in FORMATS_READ:
        values["format"] = table["format"]
    if "schedule" in table:
        values["schedule"] = _schedule(table["schedule"], report.at(prefix="schedule."))
    if "stages" in table:
        values["stages"] = _stages(table, report)
    else:
        values["steps"] = _steps(table.get("steps"), report)
    if "psfs" in table:
        values["psfs"] = _psfs(table["psfs"], values.get("format", FORMAT_VERSION), report)
    return Routine(**values)


def _format_ok(value: Any, report: _Report) -> bool:
    """False when the rest of the file should not be read (a newer format may mean anything)."""
    if value is None:
        report.add(f"missing: a routine file starts with format = {FORMAT_VERSION}", key="format")
        return True
    newest = max(FORMATS_READ)
    if isinstance(value, int) and not isinstance(value, bool) and value > newest:
        report.add(
            f"this file needs a newer homecare: it is format {_number_words(value)}, "
            f"this homecare reads formats {_or([str(v) for v in FORMATS_READ])}",
            key="format",
        )
        return False
    if value not in FORMATS_READ or isinstance(value, bool):
        report.add(f"must be {_or([str(v) for v in FORMATS_READ])} ({_found(value)})", key="format")
    return True


def _fields(
    cls: type, table: dict[str, Any], report: _Report, thing: str, skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The checked values of ``table``'s fields for dataclass ``cls``, in file order."""
    specs = {f.name: spec for f, spec in specced_fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in skip:
            continue
        spec = specs.get(key)
        if spec is None:
            report.add(_unknown_key(key, [*specs, *skip], cls), key=key)
        elif isinstance(spec, TableListSpec):
            values[key] = _table_list(spec, value, report, key)
        else:
            try:
                values[key] = check_value(spec, value)
            except InvalidValue as error:
                report.add(str(error), key=key)
    for name, spec in specs.items():
        if name in table:
            continue
        if getattr(spec, "required", False):
            report.add(f"missing: every {thing} needs a {name}", key=name)
        elif isinstance(spec, TableListSpec) and spec.min_items:
            report.add(f"missing: every {thing} needs [[steps.{name}]]", key=name)
    return values


def _unknown_key(key: str, known: list[str], cls: type) -> str:
    close = _close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown field; did you mean {close[0]}?"
    if issubclass(cls, Step):
        owners = [t for t, other in STEP_TYPES.items() if key in _field_names(other)]
        if owners:
            article = "an" if cls.TYPE[0] in "aeiou" else "a"
            return f"{article} {cls.TYPE} step has no {visible(key)} ({_or(owners)} steps do)"
    return f"unknown field; the fields here are {', '.join(known)}"


def _field_names(cls: type) -> set[str]:
    return {f.name for f, _ in specced_fields(cls)}


def _table_list(spec: TableListSpec, value: Any, report: _Report, key: str) -> tuple[Any, ...]:
    singular = key.removesuffix("s")
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        report.add(f"must be a list of [[steps.{key}]] tables ({_found(value)})", key=key)
        return ()
    if not spec.min_items <= len(value) <= spec.max_items:
        report.add(
            f"must have {spec.min_items} to {spec.max_items} {key} (found {len(value)})", key=key
        )
    items = []
    for number, item in enumerate(value[: spec.max_items], start=1):
        where = report.at(suffix=f" ({singular} {number})")
        items.append(spec.item_type(**_fields(spec.item_type, item, where, singular)))
    return tuple(items)


def _schedule(value: Any, report: _Report) -> Schedule | None:
    if not isinstance(value, dict):
        report.at(prefix="").add(f"must be a [schedule] table ({_found(value)})", key="schedule")
        return None
    values = _fields(Schedule, value, report, "schedule")
    start, end = values.get("start"), values.get("end")
    if start is not None and end is not None and end < start:
        report.add(f"the last day ({end}) is before the first day ({start})", key="end")
    if "end" in value and "weeks" in value:
        report.add("give either end or weeks, not both", key="weeks")
    schedule = Schedule(**values)
    if schedule.runs_past_the_calendar:
        report.add(f"the schedule would end after {LAST_DAY}, the last day there is", key="weeks")
    return schedule


def _psfs(value: Any, file_format: int, report: _Report) -> Psfs | None:
    """The [psfs] table; a file with one must say format 3 (an older homecare then says it needs
    a newer version instead of "unknown field psfs")."""
    if file_format < FOLLOW_THROUGH_FORMAT:
        report.add(
            f"a routine with a [psfs] table must say format = {FOLLOW_THROUGH_FORMAT} (so an "
            "older homecare says it needs a newer version instead of refusing the table)",
            key="format",
        )
    if not isinstance(value, dict):
        report.add(f"must be a [psfs] table ({_found(value)})", key="psfs")
        return None
    return Psfs(**_fields(Psfs, value, report.at(prefix="psfs."), "[psfs] table"))


def _steps(value: Any, report: _Report, name: str = "steps") -> tuple[Step, ...]:
    """The steps of ``[[name]]``: the routine's ``steps``, or a stage's ``stages.steps``."""
    owner = "a stage" if "." in name else "a routine"
    if value is None:
        report.add(f"missing: {owner} needs at least one [[{name}]] table", key="steps")
        return ()
    if not isinstance(value, list) or not value:
        report.add(f"must be one or more [[{name}]] tables ({_found(value)})", key="steps")
        return ()
    if len(value) > MAX_STEPS:
        report.add(f"too many steps: {len(value)} (at most {MAX_STEPS})", key="steps")
    steps = (_step(number, item, report, name) for number, item in enumerate(value[:MAX_STEPS], 1))
    return tuple(step for step in steps if step is not None)


def _stages(table: dict[str, Any], report: _Report) -> tuple[Stage, ...]:
    """The ``[[stages]]`` of a routine that progresses (format 3), instead of ``[[steps]]``."""
    value = table["stages"]
    if "steps" in table:
        report.add(
            "give either [[steps]] or [[stages]], not both: a routine with stages has its "
            "steps in each stage, as [[stages.steps]]",
            key="steps",
        )
    file_format = table.get("format")
    if type(file_format) is int and file_format in FORMATS_READ:
        if file_format < FOLLOW_THROUGH_FORMAT:
            report.add(
                f"a routine with stages must say format = {FOLLOW_THROUGH_FORMAT} (so an older "
                "homecare says it needs a newer version instead of refusing the stages)",
                key="format",
            )
    if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
        report.add(f"must be one or more [[stages]] tables ({_found(value)})", key="stages")
        return ()
    if len(value) > MAX_STAGES:
        report.add(f"too many stages: {len(value)} (at most {MAX_STAGES})", key="stages")
    stages = tuple(
        _stage(number, item, report) for number, item in enumerate(value[:MAX_STAGES], 1)
    )
    total = sum(len(stage.steps) for stage in stages)
    if total > MAX_STAGED_STEPS:
        report.add(
            f"too many steps in all: {total} across the stages (at most {MAX_STAGED_STEPS})",
            key="stages",
        )
    return stages


def _stage(number: int, table: dict[str, Any], report: _Report) -> Stage:
    try:
        name = check_value(_STAGE_NAME_SPEC, table.get("name")) or None
    except InvalidValue:
        name = None
    report = report.at(stage=number, stage_name=name)
    fields = dict(table)
    if isinstance(fields.get("days"), list):
        report.add(
            "in a stage, days is how long it lasts (a number of days); weekdays go in the "
            "stage's [stages.schedule] as days = [...]",
            key="days",
        )
        del fields["days"]
    values = _fields(Stage, fields, report, "stage", skip=("schedule", "steps"))
    if "weeks" in table and "days" in table:
        report.add("give either weeks or days, not both", key="days")
    elif "weeks" not in table and "days" not in table:
        report.add("missing: every stage needs its length, weeks = … or days = …", key="weeks")
    if "schedule" in table:
        values["schedule"] = _stage_schedule(table["schedule"], report.at(prefix="schedule."))
    values["steps"] = _steps(table.get("steps"), report, "stages.steps")
    return Stage(**values)


def _stage_schedule(value: Any, report: _Report) -> Schedule | None:
    """A stage's own sessions per day and weekdays; its dates come from its length."""
    schedule = _schedule(value, report)
    for key in ("start", "end", "weeks"):
        if isinstance(value, dict) and key in value:
            report.add(
                "a stage's days come from its length and the routine's start: give start, "
                "end or weeks in the routine's [schedule]",
                key=key,
            )
    return schedule


def _step(number: int, table: Any, report: _Report, name: str = "steps") -> Step | None:
    if not isinstance(table, dict):
        report.at(step=number).add(f"must be a [[{name}]] table ({_found(table)})")
        return None
    kind = table.get("type")
    cls = STEP_TYPES.get(kind) if isinstance(kind, str) else None
    report = report.at(step=number, step_name=_display_name(cls, table.get("name")))
    types = ", ".join(STEP_TYPES)
    if kind is None:
        report.add(f"missing: every step needs a type, one of {types}", key="type")
        return None
    if cls is None:
        close = _close_matches(kind, STEP_TYPES, n=1) if isinstance(kind, str) else []
        hint = f"; did you mean {close[0]}?" if close else ""
        report.add(f"must be one of {types} ({_found(kind)}){hint}", key="type")
        return None
    values = _fields(cls, table, report, f"{kind} step", skip=("type",))
    if cls is RestStep:
        _check_rest(table, values, report)
    return cls(**values)


def _display_name(cls: type[Step] | None, name: Any) -> str | None:
    """The step's name for messages: its own if usable, else its type's default."""
    try:
        if name is not None:
            return check_value(_NAME_SPEC, name) or None
    except InvalidValue:
        pass
    return cls.DEFAULT_NAME if cls is not None else None


def _check_rest(table: dict[str, Any], values: dict[str, Any], report: _Report) -> None:
    timed = "seconds" in table
    waits = values.get("until_ready") is True
    if timed and waits:
        report.add("give either seconds or until_ready = true, not both", key="until_ready")
    elif not timed and not waits and "until_ready" not in table:
        report.add("a rest needs seconds = … or until_ready = true", key="seconds")
    elif not timed and values.get("until_ready") is False:
        report.add("a rest needs seconds = … when until_ready is false", key="seconds")


# ---------------------------------------------------------------------------------------------
# One value against its specification


def _number(spec: NumberSpec, value: Any) -> int | float:
    """The number, as an int when it is whole (``15.0`` reads as ``15``)."""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    whole = is_number and (isinstance(value, int) or value.is_integer())
    if not whole and (spec.whole or not is_number or not math.isfinite(value)):
        kind = "whole number" if spec.whole else "number"
        raise InvalidValue(f"must be a {kind} of {spec.unit} ({_found(value)})")
    number = int(value) if whole else value
    if not spec.low <= number <= spec.high:
        raise InvalidValue(
            f"must be between {spec.low} and {spec.high} {spec.unit} "
            f"(found {_number_words(number)})"
        )
    return number


def _text(spec: TextSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f'must be text in "quotes" ({_found(value)})')
    bad = first_forbidden(value, multiline=spec.multiline)
    if bad is not None:
        index, char = bad
        if char == "\n":
            raise InvalidValue("must be on one line")
        raise InvalidValue(
            f"contains {char_name(char)} at character {index + 1}; "
            "control and invisible characters are not allowed"
        )
    if len(value) > spec.max_length:
        raise InvalidValue(f"is too long: {len(value)} characters (at most {spec.max_length})")
    if spec.required and not value.strip():
        raise InvalidValue("must not be empty")
    if spec.pattern and not re.match(spec.pattern, value):
        raise InvalidValue(f'must be {spec.help} (found "{visible(value)}")')
    return value


def _choice(spec: ChoiceSpec, value: Any) -> str:
    if isinstance(value, str) and value in spec.choices:
        return value
    close = _close_matches(value, spec.choices, n=1) if isinstance(value, str) else []
    hint = f"; did you mean {close[0]}?" if close else ""
    raise InvalidValue(f"must be {_or(spec.choices)} ({_found(value)}){hint}")


def _days(value: Any) -> tuple[str, ...]:
    example = 'like ["mon", "wed", "fri"]'
    if not isinstance(value, list) or not all(isinstance(day, str) for day in value):
        raise InvalidValue(f"must be a list of weekdays, {example} ({_found(value)})")
    issues = []
    for day in value:
        if day not in WEEKDAYS:
            close = _close_matches(day.lower()[:3], WEEKDAYS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            issues.append(f'"{visible(day)}" is not a weekday{hint}')
    issues += [f'"{day}" is listed twice' for day in WEEKDAYS if value.count(day) > 1]
    if issues:
        raise InvalidValue(f"weekdays are mon, tue, wed, thu, fri, sat, sun: {'; '.join(issues)}")
    return tuple(value)


def _texts(spec: TextListSpec, value: Any) -> tuple[str, ...]:
    """Distinct one-line texts, none empty: each checked as a text field is."""
    example = '["Putting on socks", "Sitting for 30 minutes"]'
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidValue(f"must be a list of texts in quotes, like {example} ({_found(value)})")
    if len(value) > spec.max_items:
        raise InvalidValue(f"must have at most {spec.max_items} items (found {len(value)})")
    item_spec = TextSpec(spec.max_length, spec.help, required=True)
    for number, item in enumerate(value, start=1):
        try:
            _text(item_spec, item)
        except InvalidValue as error:
            raise InvalidValue(f"item {number} {error}") from None
        if item in value[: number - 1]:
            raise InvalidValue(f'item {number} ("{visible(item)}") is listed twice')
    return tuple(value)


def _close_matches(word: str, choices: Any, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """difflib's suggestions, imported only when a file has a problem (it costs start-up time)."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


def _found(value: Any) -> str:
    """What a wrong value is, in words: ``found text "ten"``."""
    if isinstance(value, bool):
        return f"found {str(value).lower()}"
    if isinstance(value, str):
        return f'found text "{visible(value)}"'
    if isinstance(value, int):
        return f"found {_number_words(value)}"
    if isinstance(value, float):
        return f"found {value!r}"
    if isinstance(value, datetime):
        return "found a date and time"
    if isinstance(value, date):
        return f"found the date {value}"
    if isinstance(value, list):
        return "found a list"
    if isinstance(value, dict):
        return "found a table"
    return "found a time of day" if value is not None else "found nothing"


def _number_words(number: int) -> str:
    return str(number) if abs(number) < 10**15 else "a number far too large"


def _or(words: tuple[str, ...] | list[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
