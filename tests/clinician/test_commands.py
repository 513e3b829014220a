"""``homecare new``, ``handout`` and ``remind`` from the command line: happy paths and bad input."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar

from homecare.routine import library
from homecare.routine.loader import load_file
from homecare.routine.model import STEP_TYPES
from homecare.routine.pictures import without_pictures
from homecare.routine.writer import SCHEMA_DIRECTIVE

# --- new -----------------------------------------------------------------------------------


def test_new_from_options_writes_a_checked_file(cli, tmp_path):
    out = tmp_path / "Neck Routine.toml"
    code, stdout, _ = cli(
        "new",
        out,
        "--title",
        "Neck",
        "--patient",
        "Sam Lee",
        "--prescribed-by",
        "Dr Rivera",
        "--contact",
        "Clinic, 555-0100",
        "--times-per-day",
        "2",
        "--weeks",
        "4",
        "--days",
        "mon,thu",
        "--start",
        "2026-12-01",
        "--step",
        "pir",
        "--step",
        "heat",
    )
    assert code == 0, stdout
    assert out.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_DIRECTIVE
    routine = load_file(out).routine
    assert routine.id == "neck-routine"
    assert (routine.title, routine.patient) == ("Neck", "Sam Lee")
    assert routine.prescribed_by == "Dr Rivera"
    assert routine.contact == "Clinic, 555-0100" and routine.issued == date.today()
    schedule = routine.schedule
    assert (schedule.times_per_day, schedule.weeks, schedule.days) == (2, 4, ("mon", "thu"))
    assert schedule.start == date(2026, 12, 1)
    assert [s.TYPE for s in routine.steps] == ["pir", "heat"]


def test_new_without_steps_gets_one_pir_step(cli, tmp_path):
    code, _, _ = cli("new", tmp_path / "a.toml", "--title", "A")
    assert code == 0
    assert [s.TYPE for s in load_file(tmp_path / "a.toml").routine.steps] == ["pir"]


def test_new_steps_of_every_type_are_valid(cli, tmp_path):
    out = tmp_path / "all.toml"
    args = [arg for name in STEP_TYPES for arg in ("--step", name)]
    assert cli("new", out, "--title", "All", *args)[0] == 0
    assert [s.TYPE for s in load_file(out).routine.steps] == list(STEP_TYPES)


def test_new_from_a_bundled_template(cli, tmp_path):
    out = tmp_path / "back.toml"
    code, stdout, _ = cli(
        "new", out, "--from", "lower-back-pir", "--patient", "Sam", "--id", "sam-back"
    )
    assert code == 0
    assert "copy of the template" in stdout
    routine = load_file(out).routine
    template = library.resolve("lower-back-pir").routine
    assert template.has_pictures and not routine.has_pictures  # they stay with the template
    assert routine.steps == without_pictures(template).steps and routine.format == 1
    assert template.title.endswith(" (example)") and "EXAMPLE ONLY" in template.notes
    assert routine.title == template.title.removesuffix(" (example)")
    assert "EXAMPLE" not in routine.notes and routine.notes  # the rest of the notes stay
    assert (routine.id, routine.patient, routine.issued) == ("sam-back", "Sam", date.today())


def test_new_never_overwrites_without_force(cli, tmp_path):
    out = tmp_path / "a.toml"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = cli("new", out, "--title", "A")
    assert code == 2 and "already exists; add --force" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert cli("new", out, "--title", "A", "--force")[0] == 0
    assert load_file(out).routine.title == "A"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title", "A", "--times-per-day", "99"], "times_per_day: must be between 1 and 12"),
        (["--title", "A", "--id", "../../x"], "field id: must be a short identifier"),
        (["--title", "A" * 81], "field title"),
        (["--title", "line\x1b[31m"], "field title"),
        (["--title", "A", "--days", "mon,funday"], "funday is not one of"),
        (["--patient", "B"], "give the routine a --title"),
        (["--from", "no-such-routine", "--title", "A"], 'no routine called "no-such-routine"'),
    ],
)
def test_new_refuses_bad_options_before_writing(cli, tmp_path, args, message):
    out = tmp_path / "a.toml"
    code, _, err = cli("new", out, *args)
    assert code == 2 and message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_new_refuses_an_unwritable_target(cli, unwritable):
    code, _, err = cli("new", unwritable / "a.toml", "--title", "A")
    assert code == 2 and "cannot write" in err


def test_new_needs_a_toml_name(cli, tmp_path):
    code, _, err = cli("new", tmp_path / "a.txt", "--title", "A")
    assert code == 2 and "must end in .toml" in err


# --- handout and remind --------------------------------------------------------------------


def test_handout_html_and_markdown_from_a_file_or_a_name(cli, tmp_path):
    html_out, md_out = tmp_path / "demo.html", tmp_path / "demo.md"
    assert cli("handout", "demo", "-o", html_out)[0] == 0
    parser = HTMLParser()
    parser.feed(html_out.read_text(encoding="utf-8"))  # parses; content is tested in test_handout
    assert "<h2>Steps</h2>" in html_out.read_text(encoding="utf-8")
    routine_file = tmp_path / "r.toml"
    cli("new", routine_file, "--title", "R & <b>", "--step", "ice")
    assert cli("handout", routine_file, "-o", md_out)[0] == 0
    assert md_out.read_text(encoding="utf-8").startswith(r"# R \& \<b\>")


@pytest.mark.parametrize("command", ["handout", "remind"])
def test_outputs_are_never_overwritten_without_force(cli, tmp_path, command):
    out = tmp_path / ("x.ics" if command == "remind" else "x.html")
    out.write_text("keep me", encoding="utf-8")
    code, _, err = cli(command, "demo", "-o", out)
    assert code == 2 and "already exists; add --force" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert cli(command, "demo", "-o", out, "--force")[0] == 0


@pytest.mark.parametrize(
    ("command", "output", "message"),
    [
        ("handout", "x.pdf", "must end in .html or .md"),
        ("remind", "x.txt", "must end in .ics"),
    ],
)
def test_outputs_need_a_known_extension(cli, tmp_path, command, output, message):
    code, _, err = cli(command, "demo", "-o", tmp_path / output)
    assert code == 2 and message in err


@pytest.mark.parametrize("command", ["handout", "remind", "edit"])
def test_invalid_routine_files_are_refused_with_their_problems(cli, tmp_path, command, misspelt):
    out = tmp_path / ("x.ics" if command == "remind" else "x.html")
    code, _, err = cli(command, misspelt, *(["-o", out] if command != "edit" else []))
    assert code == 2 and "step 1" in err and "cycle" in err and "did you mean cycles?" in err
    assert not out.exists()


@pytest.mark.parametrize("command", ["handout", "remind"])
def test_unwritable_outputs_are_a_clear_message(cli, unwritable, command):
    output = unwritable / ("x.ics" if command == "remind" else "x.md")
    code, _, err = cli(command, "demo", "-o", output)
    assert code == 2 and "cannot write" in err and "Traceback" not in err


def test_remind_writes_a_calendar_with_chosen_times(cli, tmp_path):
    routine_file, out = tmp_path / "r.toml", tmp_path / "r.ics"
    cli("new", routine_file, "--title", "R", "--times-per-day", "2", "--weeks", "2")
    code, stdout, _ = cli("remind", routine_file, "-o", out, "--at", "7:30,19:00")
    assert code == 0 and "2 repeating reminder(s)" in stdout
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [e.decoded("dtstart").strftime("%H:%M") for e in events] == ["07:30", "19:00"]
    assert all(e["rrule"]["FREQ"] == ["DAILY"] for e in events)


@pytest.mark.parametrize(
    ("at", "message"),
    [("7:30", "2 session(s) a day but 1 time(s)"), ("noon,1", "is not a time of day")],
)
def test_remind_refuses_bad_times(cli, tmp_path, at, message):
    routine_file = tmp_path / "r.toml"
    cli("new", routine_file, "--title", "R", "--times-per-day", "2")
    code, _, err = cli("remind", routine_file, "-o", tmp_path / "r.ics", "--at", at)
    assert code == 2 and message in err


# --- edit ----------------------------------------------------------------------------------


def test_edit_opens_the_editor_on_a_file_or_a_new_one(cli, tmp_path, monkeypatch):
    from homecare.ui.screens import editor

    opened = []
    monkeypatch.setattr("homecare.base.streams.is_terminal", lambda stream: True)
    monkeypatch.setattr(editor.EditorApp, "run", lambda app: opened.append((app.path, app.routine)))
    existing = tmp_path / "a.toml"
    cli("new", existing, "--title", "A")
    assert cli("edit", existing)[0] == 0
    assert cli("edit", tmp_path / "new.toml")[0] == 0
    assert opened[0][0] == existing and opened[0][1].title == "A"
    assert opened[1] == (tmp_path / "new.toml", None)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.toml", "title = [", "line 1"),
        ("notes.txt", None, "must end in .toml"),
        ("missing/new.toml", None, "does not exist"),
    ],
)
def test_edit_refuses_what_it_cannot_edit(cli, tmp_path, name, text, message):
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    code, _, err = cli("edit", path)
    assert code == 2 and message in err and "Traceback" not in err


def test_check_warns_while_a_routine_says_it_is_an_example(cli, tmp_path):
    example = Path(__file__).resolve().parents[2] / "routines" / "lower-back-pir.toml"
    code, stdout, _ = cli("check", "--strict", example)
    assert code == 1 and "still says it is an example" in stdout
    copy = tmp_path / "copy.toml"
    assert cli("new", copy, "--from", "lower-back-pir")[0] == 0
    code, stdout, _ = cli("check", "--strict", copy)
    assert (code, "example" in stdout) == (0, False)
