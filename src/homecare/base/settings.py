"""The patient's settings (sound, last-seconds beeps, theme), kept in settings.toml.

A missing file means the defaults. A damaged file or a bad value never stops the timer: the
value falls back to its default and ``load`` reports the problem in words for the screen.
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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SOUNDS = ("bell", "off", "speech")
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
        problems.append(f"ignored unknown settings: {', '.join(unknown)}")
    return Settings(**values), problems  # type: ignore[arg-type]


def load(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The saved settings and any problems found in the file (in words, naming the file)."""
    path = locations.settings_path() if path is None else path
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(), [f"{path}: could not read the settings ({error}); using the defaults"]
    settings, problems = _validated(raw)
    return settings, [f"{path}: {problem}" for problem in problems]


def save(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically; raise UserError (with the path) if that is impossible."""
    path = locations.settings_path() if path is None else path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"{path}: could not save the settings ({error.strerror or error})") from error
    write_atomic(path, tomli_w.dumps(asdict(settings)).encode("utf-8"), overwrite=True)
