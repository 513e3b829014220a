"""``history`` and ``report`` at the edges: far dates, huge limits, hostile text in the log."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from homecare.cli import main
from homecare.log.report.export import csv_cell
from homecare.log.store import StepOutcome, open_store

from .factories import finished


@pytest.fixture
def hostile_session():
    """A session whose title, step name and note would be formulas or escape sequences."""
    started = datetime.now().astimezone().replace(microsecond=0) - timedelta(hours=1)
    with open_store() as store:
        store.add_sessions(
            [
                finished(
                    started,
                    title='=HYPERLINK("http://x","y")',
                    note="@SUM(1)\x1b]0;pwned\x07",
                    steps=(StepOutcome(0, "+cmd|' /C calc'!A0", "skipped", "-2+3"),),
                    steps_skipped=1,
                )
            ]
        )
    return started


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--until", "0001-01-01"],
        ["report", "--since", "9999-12-31", "--until", "9999-12-31"],
        ["history", "--limit", "99999999999999999999"],
    ],
)
def test_far_dates_and_huge_limits_are_no_crash(args, capsys):
    assert main(args) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["history", "report"])
@pytest.mark.parametrize(
    "day", ["20261101", "2026-W01-1", "2026-11-01T00:00", "\uff12\uff10\uff12\uff16-11-01"]
)
def test_days_are_read_as_yyyy_mm_dd_only_on_every_python(command, day, capsys):
    with pytest.raises(SystemExit) as refused:
        main([command, "--since", day])
    assert refused.value.code == 2
    assert "expected a day like 2026-05-01" in capsys.readouterr().err


def test_a_negative_limit_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["history", "--limit", "-1"])
    assert "expected 0 (all) or a positive number" in capsys.readouterr().err


def test_no_csv_cell_starts_a_formula(hostile_session, capsys):
    assert main(["report", "--format", "csv"]) == 0
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["title"] == '\'=HYPERLINK("http://x","y")'
    assert row["note"].startswith("'@SUM(1)")
    assert row["skipped_steps"] == "'+cmd|' /C calc'!A0: -2+3"
    assert row["utc_offset_minutes"].lstrip("-").isdigit()  # numbers stay numbers


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_csv_cell_neutralises_every_formula_start(text):
    assert csv_cell(text) == "'" + text
    assert csv_cell(-5) == -5 and csv_cell(None) == "" and csv_cell("a=b") == "a=b"


def test_a_report_on_a_terminal_shows_escapes_instead_of_obeying_them(
    hostile_session, capsys, monkeypatch
):
    monkeypatch.setattr("homecare.commands.report.is_terminal", lambda stream: True)
    assert main(["report", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "\\u001b]0;pwned\\u0007" in out


def test_report_to_dash_is_standard_output(hostile_session, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--format", "json", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("{") and not (tmp_path / "-").exists()


def test_history_on_a_cp1252_console_shows_question_marks(tmp_path):
    started = datetime.now().astimezone().replace(microsecond=0)
    with open_store() as store:
        store.add_sessions([finished(started, title="Back \u2713 \u0421\u043f\u0438\u043d\u0430")])
    done = subprocess.run(
        [sys.executable, "-m", "homecare", "history"],
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"Back ? ?????" in done.stdout


def test_a_note_typed_in_the_plain_runner_keeps_no_control_characters():
    from homecare.plain.input import Asker

    typed = iter(["sore\x1b]0;pwned\x07 back"])
    asker = Asker(type("Typed", (), {"get": lambda self, timeout: next(typed)})(), io.StringIO())
    assert asker.text("Note: ") == "sore ]0;pwned  back"
