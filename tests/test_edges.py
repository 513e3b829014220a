"""Values and files at the edges, through the commands a person types: special files, far
dates, Windows-reserved names, hostile settings, an unreadable library, the pre-scan of the
command line. Each is a message in words (exit 2) or a sensible result, never a traceback."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

from homecare.base import locations, settings
from homecare.base.errors import UserError
from homecare.cli import _chosen_command, main
from homecare.routine.importing import import_routine
from homecare.routine.model import Schedule

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and links are POSIX here")
STEPS = '[[steps]]\ntype = "rest"\nseconds = 1\n'


@pytest.fixture
def cli(capsys):
    def run(*args: object) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


def _routine(tmp_path: Path, name: str, head: str = 'title = "T"\n') -> Path:
    path = tmp_path / name
    path.write_text(f"format = 1\n{head}{STEPS}", encoding="utf-8")
    return path


# --- special files -------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["show"],
        ["run", "--plain"],
        ["import"],
        ["edit"],
        ["handout", "-o", "h.md"],
        ["remind", "-o", "r.ics"],
    ],
)
def test_a_fifo_is_named_as_one_at_once(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    code, out, err = cli(command[0], fifo, *command[1:])
    assert code == 2
    assert f"{fifo}: is a named pipe (FIFO), not a regular file" in out + err
    assert "no such file" not in out + err


@posix_only
def test_the_app_import_dialog_refuses_a_fifo_without_waiting(tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="is a named pipe"):
        import_routine(fifo)


@posix_only
@pytest.mark.parametrize("command", ["report", "handout", "remind", "schema"])
def test_force_never_replaces_a_device_or_a_link(cli, tmp_path, command):
    names = {"report": "r.md", "handout": "h.md", "remind": "r.ics", "schema": "s.json"}
    link = tmp_path / names[command]
    link.symlink_to(os.devnull)
    args = [command, "-o", link, "--force"]
    if command in ("handout", "remind"):
        args.insert(1, "demo")
    code, _, err = cli(*args)
    assert code == 2 and "is a symbolic link, not a regular file" in err
    assert link.is_symlink() and os.readlink(link) == os.devnull


def test_schema_does_not_overwrite_without_force(cli, tmp_path):
    routine = _routine(tmp_path, "mine.toml")
    code, _, err = cli("schema", "-o", routine)
    assert code == 2 and "already exists; add --force" in err
    assert routine.read_text(encoding="utf-8").startswith("format = 1")
    assert cli("schema", "-o", routine, "--force")[0] == 0
    assert routine.read_text(encoding="utf-8").startswith("{")


# --- far dates -----------------------------------------------------------------------------


def test_a_schedule_past_year_9999_is_an_error_in_check(cli, tmp_path):
    head = 'title = "T"\n[schedule]\nstart = 9999-12-20\nweeks = 52\n'
    path = _routine(tmp_path, "far.toml", head)
    code, out, _ = cli("check", path)
    assert code == 2
    assert "field schedule.weeks: the schedule would end after 9999-12-31" in out


def test_last_day_stops_at_the_end_of_the_calendar():
    schedule = Schedule(start=date(9999, 12, 20), weeks=52)
    assert schedule.last_day == date(9999, 12, 31) and schedule.runs_past_the_calendar


def test_adherence_of_a_schedule_past_the_calendar_is_no_crash():
    """A log written before the loader refused such schedules still gives a report."""
    from homecare.log.adherence import due_on

    schedule = Schedule(start=date(9999, 12, 20), weeks=52)
    assert due_on(schedule, date(9999, 12, 31)) == 1


def test_reminders_that_would_end_after_the_calendar_are_refused(cli, tmp_path):
    path = _routine(tmp_path, "late.toml", 'title = "T"\n[schedule]\nstart = 9999-12-31\n')
    code, _, err = cli("remind", path, "--at", "23:59", "-o", tmp_path / "r.ics")
    assert code == 2 and "the first session would end after 9999-12-31" in err


@pytest.mark.parametrize("days", ["", 'days = ["mon"]\n'])
@pytest.mark.parametrize(
    "command", [["show"], ["import"], ["handout", "-o", "h.md"], ["remind", "-o", "r.ics"]]
)
def test_a_schedule_starting_on_the_last_day_is_no_crash(cli, tmp_path, monkeypatch, command, days):
    monkeypatch.chdir(tmp_path)
    head = f'title = "T"\n[schedule]\nstart = 9999-12-31\n{days}'
    code, out, err = cli(command[0], _routine(tmp_path, "last.toml", head), *command[1:])
    if command[0] == "remind" and days:  # 9999-12-31 is a Friday: no Monday is left
        assert (code, err) == (
            2,
            "homecare: cannot make reminders for 'T': no prescribed "
            "weekday falls between 9999-12-31 and 9999-12-31\n",
        )
    else:
        assert (code, err) == (0, "")


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("routine_id", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_windows_reserved_ids_are_refused(cli, tmp_path, routine_id):
    code, out, _ = cli("check", _routine(tmp_path, "r.toml", f'title = "T"\nid = "{routine_id}"\n'))
    assert code == 2
    assert f"field id: '{routine_id}' is a reserved file name on Windows" in out


@pytest.mark.parametrize("name", ["CON.toml", "Nul.toml", "com3.toml"])
def test_a_reserved_file_name_cannot_become_the_id(cli, tmp_path, name):
    code, out, _ = cli("check", _routine(tmp_path, name))
    assert code == 2 and "is a reserved file name on Windows" in out


def test_a_value_of_data_dir_is_not_taken_for_the_command():
    assert _chosen_command(["--data-dir", "run", "show", "demo"]) == "show"
    assert _chosen_command(["--data", "list", "history"]) == "history"
    assert _chosen_command(["--data-dir=run", "list"]) == "list"
    assert _chosen_command(["--", "show"]) == "show"


def test_data_dir_named_like_a_command_works(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("--data-dir", "run", "show", "demo")
    assert code == 0 and out.startswith("Demo")


# --- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"x = " + b"[" * 20_000 + b"]" * 20_000, "nested too deeply"),
        (b"sound = 1" + b"0" * 5000, "using"),  # refused on 3.11+, a wrong sound on 3.10
        (b'"\\u001b]0;pwned\\u0007" = 1', "ignored unknown settings: \\u001b]0;pwned\\u0007"),
    ],
    ids=["deep", "long-number", "escape-in-key"],
)
def test_hostile_settings_give_defaults_and_escaped_words(content, problem):
    path = locations.settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded, problems = settings.load()
    assert loaded == settings.Settings()
    assert len(problems) == 1 and problem in problems[0] and problems[0].isprintable()


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_settings_that_are_a_fifo_or_endless_give_defaults_at_once(kind):
    path = locations.settings_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path) if kind == "fifo" else path.symlink_to("/dev/zero")
    loaded, problems = settings.load()
    assert loaded == settings.Settings() and "not a regular file" in problems[0]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_settings_are_saved_privately():
    settings.save(settings.Settings(sound="off"))
    assert locations.settings_path().stat().st_mode & 0o077 == 0


# --- an unreadable library -----------------------------------------------------------------


@pytest.fixture
def unreadable_library(cli, tmp_path, monkeypatch):
    """An imported routine in a library folder that cannot be read (patched: root reads all)."""
    assert cli("import", _routine(tmp_path, "mine.toml"))[0] == 0
    library = locations.library_dir()
    scandir, stat = os.scandir, Path.stat

    def refuse_scandir(path):
        if Path(path) == library:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    def refuse_stat(path, *args, **kwargs):
        if path.parent == library:
            raise PermissionError(13, "Permission denied", str(path))
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", refuse_scandir)
    monkeypatch.setattr(Path, "stat", refuse_stat)
    return library


def test_list_says_it_cannot_read_the_library(cli, unreadable_library):
    code, out, err = cli("list")
    assert code == 2 and "none yet" not in out
    assert f"{unreadable_library}: cannot read this folder: permission denied" in err


@pytest.mark.parametrize(
    "command", [["show"], ["run", "--plain"], ["handout", "-o", "h.md"], ["remind", "-o", "r.ics"]]
)
def test_commands_naming_a_routine_explain_an_unreadable_library(cli, unreadable_library, command):
    code, _, err = cli(command[0], "demo", *command[1:])
    assert code == 2
    assert err == f"homecare: {unreadable_library}: cannot read this folder: permission denied\n"
