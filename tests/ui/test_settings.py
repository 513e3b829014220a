"""Settings load with safe defaults and save atomically."""

from __future__ import annotations

import os

import pytest

from homecare.base import locations, settings
from homecare.base.errors import UserError


def test_missing_file_gives_defaults():
    assert settings.load() == (settings.Settings(), [])


def test_round_trip_through_the_config_dir():
    chosen = settings.Settings(sound="speech", countdown_beeps=True, theme="textual-ansi")
    settings.save(chosen)
    assert settings.load() == (chosen, [])
    assert 'sound = "speech"' in locations.settings_path().read_text(encoding="utf-8")
    assert [p.name for p in locations.config_dir().iterdir()] == ["settings.toml"]


def test_bad_values_fall_back_one_by_one_with_a_message():
    path = locations.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        'sound = "loud"\ncountdown_beeps = "yes"\ntheme = "nord"\nvolume = 3\n', encoding="utf-8"
    )
    loaded, problems = settings.load()
    assert loaded == settings.Settings(theme="nord")
    assert len(problems) == 3
    assert all(str(path) in problem for problem in problems)
    assert "sound must be one of bell, off, speech" in problems[0]
    assert "volume" in problems[2]


def test_damaged_file_gives_defaults_and_says_so():
    path = locations.settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"sound = \xff[")
    loaded, problems = settings.load()
    assert loaded == settings.Settings()
    assert "could not read the settings" in problems[0]


def test_unwritable_place_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match="could not save the settings"):
        settings.save(settings.Settings(), blocker / "settings.toml")


def test_failed_save_keeps_the_saved_settings(monkeypatch):
    settings.save(settings.Settings(sound="off"))

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(UserError, match="settings.toml: No space left on device"):
        settings.save(settings.Settings(sound="speech"))
    assert settings.load() == (settings.Settings(sound="off"), [])
    assert [p.name for p in locations.config_dir().iterdir()] == ["settings.toml"]
