"""``homecare history`` and ``homecare report`` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest

from homecare.cli import main
from homecare.log.store import StepOutcome, open_store
from homecare.session.clock import SystemClock

from .factories import EXCUSED_ICE, finished


@pytest.fixture
def logged():
    """Three sessions in the last days, one of another routine, one with a skip and a note."""
    now = SystemClock().wall().replace(hour=9, minute=0, second=0, microsecond=0)
    with open_store() as store:
        store.add_sessions(
            [
                finished(
                    now - timedelta(days=2),
                    pain_before=6,
                    pain_after=4,
                    note="a\nb\x1b[2J",
                    steps=(StepOutcome(0, "PIR", "done"), EXCUSED_ICE),
                    steps_excused=1,
                ),
                finished(
                    now - timedelta(days=1),
                    "neck-stretch",
                    status="stopped",
                    stop_reason="pain got sharp",
                ),
                finished(now, title="Today's [b]PIR[/b]"),
            ]
        )
    return now


def test_history_shows_a_readable_table_oldest_first(logged, capsys):
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["When", "Routine", "Done?", "Steps", "Pain", "Active"]
    first = lines[1]
    assert first.startswith((logged - timedelta(days=2)).strftime("%Y-%m-%d 09:00"))
    assert " done " in first and "2/2" in first and "6 -> 4" in first and "11 min 40 s" in first
    assert max(len(line) for line in lines if not line.startswith(" ")) <= 80
    assert "excused Ice: safety check: body feels cold" in lines[2]
    assert "note: a / b\\u001b[2J" in lines[3]  # the escape is shown, not obeyed
    assert "stopped: pain got sharp" in out
    assert "Today's [b]PIR[/b]" in out
    assert "\x1b" not in out


def test_history_filters_by_routine_since_and_limit(logged, capsys):
    main(["history", "--routine", "neck-stretch"])
    out = capsys.readouterr().out
    assert "Neck stretch" in out and "Lower back" not in out
    main(["history", "--since", logged.date().isoformat()])
    assert len(capsys.readouterr().out.splitlines()) == 2
    main(["history", "--limit", "1"])
    assert "Showing the latest 1 of 3 sessions" in capsys.readouterr().out


def test_history_with_no_log_yet(capsys):
    assert main(["history"]) == 0
    assert "No sessions recorded yet." in capsys.readouterr().out


def test_a_bad_date_is_a_clear_error(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["history", "--since", "yesterday"])
    assert exit.value.code == 2
    assert "expected a day like 2026-05-01, not 'yesterday'" in capsys.readouterr().err


def test_an_unusable_log_folder_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["--data-dir", str(blocker / "data"), "history"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("homecare: The folder for the session log") and "Traceback" not in err


def test_report_writes_html_to_a_file_and_refuses_to_overwrite(logged, tmp_path, capsys):
    target = tmp_path / "for-my-clinician.html"
    assert main(["report", "-o", str(target)]) == 0
    assert "Wrote the report" in capsys.readouterr().out
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "safety check: body feels cold" in page
    assert main(["report", "-o", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["report", "-o", str(target), "--force", "--format", "md"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Home-care report")


def test_report_json_to_the_screen_for_a_period(logged, capsys):
    since = (logged - timedelta(days=1)).date().isoformat()
    assert main(["report", "--format", "json", "--since", since]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [s["routine_id"] for s in document["sessions"]] == ["neck-stretch", "lower-back-pir"]


def test_report_period_must_make_sense(capsys):
    assert main(["report", "--since", "2026-05-02", "--until", "2026-05-01"]) == 2
    assert "after --until" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["history"], ["report", "--format", "html"]])
def test_history_and_report_do_not_import_textual(command):
    probe = (
        "import sys\nfrom homecare.cli import main\n"
        f"code = main({command!r})\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "raise SystemExit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_report_for_one_routine_and_an_unknown_one(logged, capsys):
    assert main(["report", "--format", "json", "--routine", "neck-stretch"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["routine_id"] == "neck-stretch"
    assert [s["routine_id"] for s in document["sessions"]] == ["neck-stretch"]
    assert main(["report", "--routine", "no-such-routine"]) == 2
    assert "no routine with the id 'no-such-routine'" in capsys.readouterr().err
