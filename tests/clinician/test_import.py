"""Importing into the patient's library: checked, named by id only, replaced only when confirmed."""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from homecare.base import locations
from homecare.routine import importing, library
from homecare.routine.problems import RoutineError

ROUTINE = """format = 1
id = "{id}"
title = "{title}"

[[steps]]
type = "pir"
"""


@pytest.fixture
def routine_file(tmp_path):
    def write(name="r.toml", id="neck", title="Neck", text=None):
        path = tmp_path / name
        path.write_text(text or ROUTINE.format(id=id, title=title), encoding="utf-8")
        return path

    return write


def test_import_copies_the_exact_bytes_under_the_id(routine_file):
    source = routine_file(name="Whatever Name.toml", id="neck")
    result = importing.import_routine(source)
    assert result.destination == locations.library_dir() / "neck.toml"
    assert result.destination.read_bytes() == source.read_bytes()
    assert (result.kept, result.unchanged) == (None, False)
    assert [r.routine.id for r in library.available() if r.origin == "library"] == ["neck"]


def test_the_same_file_again_changes_nothing(routine_file):
    source = routine_file()
    importing.import_routine(source)
    again = importing.import_routine(source)
    assert again.unchanged and again.kept is None


def test_a_new_version_needs_confirmation_and_keeps_the_old_one(routine_file):
    importing.import_routine(routine_file(title="Neck v1"))
    newer = routine_file(title="Neck v2")
    with pytest.raises(importing.NeedsConfirmation, match="already has a routine with the id"):
        importing.import_routine(newer)
    assert library.resolve("neck").routine.title == "Neck v1"
    now = datetime(2026, 11, 25, 10, 30, 5, tzinfo=timezone.utc)
    result = importing.import_routine(newer, replace=True, now=now)
    assert result.kept == locations.library_dir() / "replaced" / "neck-20261125T103005Z.toml"
    assert 'title = "Neck v1"' in result.kept.read_text(encoding="utf-8")
    assert library.resolve("neck").routine.title == "Neck v2"
    # Replaced versions are not listed as routines; a second replacement in the same second
    # keeps both old versions.
    importing.import_routine(routine_file(title="Neck v3"), replace=True, now=now)
    assert sorted(p.name for p in result.kept.parent.iterdir()) == [
        "neck-20261125T103005Z-2.toml",
        "neck-20261125T103005Z.toml",
    ]
    assert [r.routine.title for r in library.available() if r.origin == "library"] == ["Neck v3"]


@pytest.mark.parametrize(
    "hostile_id", ["../../x", "..", "a/b", "a\\\\b", "/etc/passwd", ".hidden", "C:x", "x\\u0000"]
)
def test_hostile_ids_never_reach_the_file_system(routine_file, tmp_path, hostile_id):
    with pytest.raises(RoutineError, match="field id: "):
        importing.import_routine(routine_file(id=hostile_id))
    assert not locations.library_dir().exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


@pytest.mark.parametrize("hostile_id", ["../../x", "", ".x", "a/b", "a\\b", "c:x"])
def test_library_paths_refuse_what_is_not_a_plain_name(hostile_id):
    with pytest.raises(importing.UserError, match="cannot be used as a file name"):
        importing.library_path(hostile_id)


def test_a_file_named_with_a_hostile_stem_gets_a_safe_id(tmp_path):
    source = tmp_path / "..evil name.toml"
    source.write_text('format = 1\ntitle = "T"\n[[steps]]\ntype = "pir"\n', encoding="utf-8")
    assert importing.import_routine(source).destination.name == "evil-name.toml"


def test_an_unwritable_library_is_a_clear_message(routine_file, monkeypatch, unwritable):
    monkeypatch.setenv("HOMECARE_DATA_DIR", str(unwritable / "data"))
    with pytest.raises(importing.UserError, match="could not add .* to your library"):
        importing.import_routine(routine_file())


@pytest.fixture
def unreadable_library_copy(monkeypatch):
    """The library's neck.toml cannot be read (as if its permissions or the disk failed)."""
    stored = locations.library_dir() / "neck.toml"
    os_open = os.open

    def refuse(path, *args, **kwargs):
        if Path(path) == stored:
            raise PermissionError(13, "Permission denied", str(path))
        return os_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    return stored


def test_an_unreadable_library_version_is_a_clear_message(routine_file, request):
    importing.import_routine(routine_file(title="Neck v1"))
    stored = request.getfixturevalue("unreadable_library_copy")
    newer = routine_file(title="Neck v2")
    with pytest.raises(importing.UserError) as raised:
        importing.import_routine(newer, replace=True)
    assert str(raised.value) == (
        f"cannot read {stored} (the version of 'neck' in your library) to compare it with "
        f"{newer}: it cannot be read: permission denied"
    )


# --- the command ---------------------------------------------------------------------------


def test_import_command_shows_a_summary_and_adds(cli, routine_file):
    first, second = routine_file(name="a.toml", id="a"), routine_file(name="b.toml", id="b")
    code, out, _ = cli("import", first, second)
    assert code == 0
    assert "Neck (id a, from" in out and "1 step, about" in out
    assert "1. Post-isometric relaxation (pir)" in out
    assert out.count("Added to your library") == 2
    assert sorted(p.name for p in locations.library_dir().glob("*.toml")) == ["a.toml", "b.toml"]


def test_one_invalid_file_imports_nothing(cli, routine_file, misspelt):
    good = routine_file(name="good.toml", id="good")
    bad = misspelt
    code, _, err = cli("import", good, bad, bad.with_name("missing.toml"))
    assert code == 2
    assert "nothing was imported" in err and "did you mean cycles?" in err and "missing.toml" in err
    assert not locations.library_dir().exists()


def test_two_files_with_one_id_import_nothing(cli, routine_file):
    code, _, err = cli("import", routine_file(name="a.toml"), routine_file(name="b.toml"))
    assert code == 2 and "more than one file has the id neck" in err


def test_import_command_reports_an_unreadable_library_version(cli, routine_file, request):
    cli("import", routine_file(title="v1"))
    request.getfixturevalue("unreadable_library_copy")
    code, _, err = cli("import", "--yes", routine_file(title="v2"))
    assert code == 2 and "cannot read" in err and "Traceback" not in err


def test_replacing_without_a_terminal_needs_yes(cli, routine_file, monkeypatch):
    cli("import", routine_file(title="v1"))
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # not a terminal: never asked
    code, _, err = cli("import", routine_file(title="v2"))
    assert code == 2 and "add --yes" in err and "Nothing was imported" in err
    assert library.resolve("neck").routine.title == "v1"
    code, out, _ = cli("import", "--yes", routine_file(title="v2"))
    assert code == 0 and "The old version is kept in" in out
    assert library.resolve("neck").routine.title == "v2"


@pytest.mark.parametrize(("answer", "title"), [("y\n", "v2"), ("\n", "v1"), ("", "v1")])
def test_replacing_at_a_terminal_asks(cli, routine_file, monkeypatch, answer, title):
    cli("import", routine_file(title="v1"))
    terminal = io.StringIO(answer)
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)
    code, out, _ = cli("import", routine_file(title="v2"))
    assert code == 0 and "Replace your current neck?" in out
    assert library.resolve("neck").routine.title == title
    assert ("Kept your current version" in out) == (title == "v1")


def test_very_long_text_imports_whole(cli, routine_file):
    notes = "x" * 2000
    text = ROUTINE.format(id="long", title="T" * 80)
    text = text.replace("[[steps]]", f'notes = "{notes}"\n\n[[steps]]')
    code, _, _ = cli("import", routine_file(text=text))
    assert code == 0 and library.resolve("long").routine.notes == notes
