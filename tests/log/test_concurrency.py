"""Two homecare processes writing the same log at once lose nothing."""

from __future__ import annotations

import subprocess
import sys

from homecare.log.store import open_store

WRITER = """
import sys
from dataclasses import replace
from datetime import datetime, timezone
from homecare.log.store import Session, StepOutcome, open_store

name, count = sys.argv[1], int(sys.argv[2])
store = open_store()
sys.stdin.readline()  # start together
for number in range(count):
    now = datetime.now(timezone.utc)
    session = Session(name, name, "hash", now, 60.0, 2, "test")
    session = replace(session, id=store.save(session, now))
    store.save(replace(session, steps_done=1), now, [StepOutcome(0, "one", "done")])
    store.save(replace(session, steps_done=2, status="completed", ended=now), now,
               [StepOutcome(1, f"two of {number}", "done")])
print("done")
"""


def test_two_processes_appending_at_once_lose_nothing():
    open_store().close()  # both start from an existing log, as two app windows would
    count = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    with open_store() as store:
        sessions = store.sessions(with_steps=True)
    assert len(sessions) == 2 * count
    for name in ("first", "second"):
        mine = [s for s in sessions if s.routine_id == name]
        assert len(mine) == count
        assert all(s.status == "completed" and len(s.steps) == 2 for s in mine)
        assert {s.steps[1].name for s in mine} == {f"two of {n}" for n in range(count)}
