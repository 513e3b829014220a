"""A session in a process killed outright (SIGKILL) is found "interrupted", with its progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from homecare.log.store import open_store

# Runs the test routine on a fake clock up to the end of its first step, says so, and waits
# for a kill that gives it no chance to clean up.
PATIENT = """
import sys
from datetime import datetime, timezone
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine
from homecare.log.recorder import SessionRecorder
from routines import BACK_FILE, BACK_PLAN

clock = FakeClock(datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc))
engine = Engine(BACK_PLAN, clock)
recorder = SessionRecorder.open(BACK_FILE, engine)
recorder.set_pain_before(7)
recorder.record(engine.start())
while recorder.session.steps_done < 1:
    clock.advance_to(engine.next_deadline())
    recorder.record(engine.update())
assert recorder.flush(10)  # the step boundary is durable (written on the recorder's thread)
print("first step done", flush=True)
sys.stdin.readline()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this platform")
def test_a_killed_session_is_interrupted_with_its_progress():
    patient = subprocess.Popen(
        [sys.executable, "-c", PATIENT],
        cwd=Path(__file__).parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert patient.stdout.readline().strip() == "first step done", patient.stderr.read()
        with open_store() as store:  # the process is alive: its session is still running
            (running,) = store.sessions()
        assert running.status == "running"
    finally:
        patient.send_signal(signal.SIGKILL)
        patient.wait()
    assert patient.returncode == -signal.SIGKILL
    with open_store() as store:
        (session,) = store.sessions(with_steps=True)
    assert session.status == "interrupted"
    assert (session.steps_done, session.pain_before) == (1, 7)
    assert session.steps[0].outcome == "done"
    assert session.ended is not None and session.ended >= session.started
