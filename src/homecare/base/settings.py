"""The patient's settings (sound, last-seconds beeps, theme), kept in settings.toml.

A missing file means the defaults. A damaged file or a bad value never stops the timer: the
value falls back to its default and ``load`` reports the problem in words for the screen, with
anything quoted from the file escaped. The file is read by ``homecare.base.reading`` (no FIFO,
device or huge file).
Writing is atomic (``homecare.base.atomic``), so a crash never leaves half a file.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import tomli_w

from homecare.base import locations
from homecare.base.atomic import write_atomic
from homecare.base.errors import UserError
from homecare.base.reading import Unreadable, read_bounded
from homecare.base.text import visible, visible_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SOUNDS = ("bell", "off", "speech")
MAX_SETTINGS_BYTES = 64 * 1024  # a few lines are written; anything much bigger is not ours
DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True)
class Settings:
    sound: str = "bell"  # bell: terminal bell patterns; speech: spoken cues; off: silent
    countdown_beeps: bool = False  # a short beep each second in a phase's last 3 seconds
    theme: str = DEFAULT_THEME  # a Textual theme name; the app falls back if it is unknown


def _validated(raw: dict[str, object]) -> tuple[Settings, list[str]]:
    problems: list[str] = []
    values: dict[str, object] = {}
    defaults = Settings()
    for field in fields(Settings):
        if field.name not in raw:
            continue
        value = raw[field.name]
        default = getattr(defaults, field.name)
        if field.name == "sound" and value not in SOUNDS:
            problems.append(f"sound must be one of {', '.join(SOUNDS)}; using {default!r}")
        elif type(value) is not type(default):
            problems.append(f"{field.name} has the wrong kind of value; using {default!r}")
        else:
            values[field.name] = value
    unknown = sorted(set(raw) - {field.name for field in fields(Settings)})
    if unknown:
        problems.append(f"ignored unknown settings: {', '.join(visible(key) for key in unknown)}")
    return Settings(**values), problems  # type: ignore[arg-type]


def load(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The saved settings and any problems found in the file (in words, naming the file)."""
    path = locations.settings_path() if path is None else path
    shown = visible_path(path)
    try:
        raw = tomllib.loads(read_bounded(path, MAX_SETTINGS_BYTES).decode("utf-8"))
    except Unreadable as error:
        if error.reason == "no such file":
            return Settings(), []
        return Settings(), [f"{shown}: {error.reason}; using the defaults"]
    except RecursionError:
        return Settings(), [f"{shown}: values are nested too deeply; using the defaults"]
    except ValueError as error:  # not UTF-8, not TOML, a number too long to convert
        reason = visible(str(error), limit=200)
        return Settings(), [f"{shown}: could not read the settings ({reason}); using the defaults"]
    settings, problems = _validated(raw)
    return settings, [f"{shown}: {problem}" for problem in problems]


def save(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically; raise UserError (with the path) if that is impossible."""
    path = locations.settings_path() if path is None else path
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or error
        raise UserError(f"{visible_path(path)}: could not save the settings ({reason})") from error
    write_atomic(path, tomli_w.dumps(asdict(settings)).encode("utf-8"), overwrite=True)
