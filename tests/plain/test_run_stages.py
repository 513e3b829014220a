"""``homecare run --plain`` on a staged routine runs today's stage and the log keeps it."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

from .test_run_command import homecare, logged

STAGED = """\
format = 3
title = "Tiny stages"
issued = {issued}

[[stages]]
name = "Breathe first"
days = 3

[[stages.steps]]
type = "interval"
[[stages.steps.phases]]
label = "Breathe"
seconds = 1

[[stages]]
name = "Then roll the shoulders"
weeks = 1

[[stages.steps]]
type = "interval"
name = "Shoulder rolls"
[[stages.steps.phases]]
label = "Roll"
seconds = 1

[[stages.steps]]
type = "interval"
[[stages.steps.phases]]
label = "Rest"
seconds = 1
"""


def test_the_stage_of_today_runs_and_is_logged(tmp_path):
    path = tmp_path / "tiny-stages.toml"
    issued = date.today() - timedelta(days=4)  # day 5: stage 2
    path.write_text(STAGED.format(issued=issued.isoformat()), encoding="utf-8")
    process = homecare("run", str(path), "--plain", stdin=subprocess.DEVNULL)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == "Tiny stages: 2 steps, 2 s of timed phases."
    assert lines[1] == "Week 1 of 2, stage 2: Then roll the shoulders."
    assert any(line.startswith("\aRoll") for line in lines)
    assert not any("Breathe" in line for line in lines)  # stage 1 is over
    (session,) = logged()
    assert (session.stage, session.stage_name) == (2, "Then roll the shoulders")
    assert session.steps_total == 2 and session.status == "completed"


def test_a_damaged_log_found_while_choosing_the_stage_is_said(tmp_path):
    # Choosing today's stage opened the log first: a damaged one was set aside there and the
    # notice dropped, so the patient never heard where their old log went.
    from homecare.base.locations import log_path

    log = log_path()
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"this was a log once" * 500)
    path = tmp_path / "tiny-stages.toml"
    path.write_text(STAGED.format(issued=date.today().isoformat()), encoding="utf-8")
    process = homecare("run", str(path), "--plain", stdin=subprocess.DEVNULL)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    (kept,) = log.parent.glob("log-damaged-*.sqlite3")
    assert "The session log was damaged" in err + out and str(kept) in err + out
    (session,) = logged()  # the session is in the new log
    assert session.stage == 1 and session.status == "completed"
