"""homecare check, show, schema and list: output, exit codes, no tracebacks, no Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from homecare.base import locations
from homecare.cli import main

BAD = Path(__file__).parent / "bad"
GOOD = 'format = 1\ntitle = "Good"\n[[steps]]\ntype = "pir"\n'


@pytest.fixture
def files(tmp_path):
    (tmp_path / "good.toml").write_text(GOOD, "utf-8")
    (tmp_path / "warn.toml").write_text(GOOD + "cycles = 7\n", "utf-8")
    (tmp_path / "bad.toml").write_text(GOOD + "cycle = 7\n", "utf-8")
    return tmp_path


def test_check_clean_file_exits_0(files, capsys):
    assert main(["check", str(files / "good.toml")]) == 0
    assert capsys.readouterr().out == f"{files}/good.toml: ok\nchecked 1 file: no problems\n"


def test_check_warnings_exit_0_or_1_with_strict(files, capsys):
    assert main(["check", str(files / "warn.toml")]) == 0
    assert main(["check", "--strict", str(files / "warn.toml")]) == 1
    out = capsys.readouterr().out
    assert "field cycles: warning: 7 cycles is more than the usual 5 cycles at most" in out
    assert out.endswith("checked 1 file: 0 with errors, 1 with warnings only\n")


def test_check_errors_exit_2_and_every_file_is_reported(files, capsys):
    args = ["check", "--strict", *(str(files / n) for n in ("good.toml", "bad.toml", "warn.toml"))]
    assert main(args) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{files}/good.toml: ok"
    assert lines[1] == (
        f"{files}/bad.toml, step 1 (Post-isometric relaxation), field cycle: "
        "unknown field; did you mean cycles?"
    )
    assert lines[-1] == "checked 3 files: 1 with errors, 1 with warnings only"


def test_check_the_whole_bad_corpus_in_a_subprocess_prints_no_raw_control_characters():
    result = subprocess.run(
        [sys.executable, "-m", "homecare", "check", *map(str, sorted(BAD.iterdir()))],
        capture_output=True,
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and result.stderr == b""
    out = result.stdout.decode("utf-8")
    assert all(line.isprintable() for line in out.splitlines())
    assert out.count(": ok\n") == 0


def test_show_summarises_steps_times_schedule_and_warnings(capsys):
    assert main(["show", "lower-back-pir"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Lower back: post-isometric relaxation (example)\n"
        "  id lower-back-pir (bundled example, not a prescription)\n"
        "  Schedule: Twice a day, every day, for 2 weeks.\n"
    )
    assert "  1. Side bend (quadratus lumborum) (pir, left then right): 3 min 30 s\n" in out
    assert "\nTotal: about 5 min 35 s\n" in out
    assert "Warnings" not in out


def test_show_a_file_with_warnings_and_untimed_steps(files, capsys):
    path = files / "warn.toml"
    path.write_text(GOOD + 'cycles = 7\n[[steps]]\ntype = "rest"\nuntil_ready = true\n', "utf-8")
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  2. Rest (rest): waits for you\n" in out
    assert "\nTotal: about 3 min 40 s, plus 1 pause that waits for you\n" in out
    assert "Warnings:\n  7 cycles is more than the usual 5 cycles at most" in out


def test_show_lists_flags_that_are_set_and_leaves_out_those_that_are_not(files, capsys):
    path = files / "rests.toml"
    rests = '[[steps]]\ntype = "rest"\nseconds = 5\n[[steps]]\ntype = "rest"\nuntil_ready = true\n'
    path.write_text(GOOD + rests, "utf-8")
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  2. Rest (rest): 5 s\n       How long to rest: 5 seconds\n  3. Rest" in out
    ready = "       Wait until the patient says they are ready: yes\n"
    assert f"  3. Rest (rest): waits for you\n{ready}" in out


def test_show_the_demo_takes_about_a_minute_with_decimal_minutes(capsys):
    assert main(["show", "demo"]) == 0
    out = capsys.readouterr().out
    assert "  6. Ice (demo) (ice): 15 s, plus 2 waits for you\n" in out
    assert "       TAKE THE PACK OFF: Take the ice pack off now. Look at your skin: " in out
    assert "       How long the ice stays on: 0.25 minutes\n" in out
    assert "\nTotal: about 1 min 10 s, plus 6 pauses that wait for you\n" in out


def test_show_unknown_name_is_a_user_error_with_exit_2(capsys):
    assert main(["show", "lower-back-prr"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        'homecare: no routine called "lower-back-prr"; did you mean lower-back-pir?'
    )


def test_show_a_bad_file_lists_its_problems_with_exit_2(capsys):
    assert main(["show", str(BAD / "misspelt-step-key.toml")]) == 2
    assert "field cycle: unknown field; did you mean cycles?" in capsys.readouterr().err


def test_schema_prints_json_and_writes_next_to_routines(tmp_path, capsys):
    assert main(["schema"]) == 0
    assert (
        json.loads(capsys.readouterr().out)["title"] == "homecare routine file, formats 1, 2 and 3"
    )
    assert main(["schema", "-o", str(tmp_path)]) == 0
    written = tmp_path / "homecare-routine.schema.json"
    assert json.loads(written.read_text("utf-8"))["properties"]["format"]["enum"] == [1, 2, 3]


def test_list_shows_yours_then_examples(capsys):
    folder = locations.library_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(GOOD, "utf-8")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert out.index("Your routines:\n  mine") < out.index("Examples (not a prescription):")
    assert "  demo    " in out


def test_list_reports_a_broken_library_file_with_exit_2(capsys):
    folder = locations.library_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("nonsense", "utf-8")
    assert main(["list"]) == 2
    assert "broken.toml, line 1" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["check", "x.toml"], ["show", "demo"], ["schema"], ["list"]])
def test_commands_that_need_no_ui_do_not_import_textual(command):
    probe = (
        "import sys\nfrom homecare.cli import main\n"
        f"main({command!r})\n"
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
