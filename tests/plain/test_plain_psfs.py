"""The PSFS in the plain runner: asked after pain before on a terminal, never from a pipe."""

from __future__ import annotations

import io
from datetime import date

from fakes import MemoryLog

from homecare.plain.runner import PlainRunner
from homecare.routine.model import Psfs, RestStep, Routine
from homecare.session.clock import FakeClock
from homecare.session.engine import Engine
from homecare.session.plan import compile_plan
from homecare.session.psfs import Taken

from .test_plain import PIPE, TERMINAL, ScriptedLines


def run(routine, lines, style=TERMINAL, last=None):
    clock = FakeClock()
    engine = Engine(compile_plan(routine), clock)
    out, log = io.StringIO(), MemoryLog()
    runner = PlainRunner(
        engine, ScriptedLines(clock, [(0, line) for line in lines]), out, style, log, last_psfs=last
    )
    return runner.run(), out.getvalue(), log


def psfs_routine(*activities):
    return Routine(title="Back", steps=(RestStep(seconds=2),), psfs=Psfs(activities))


def test_the_patient_names_activities_then_rates_each():
    lines = ["4", "Putting on socks", "putting on socks", "Putting on socks", "", "x", "3", "10"]
    code, text, log = run(psfs_routine(), [*lines, "", ""])
    assert code == 0
    assert "First, name 1 to 5 activities" in text
    assert "That activity is already on the list." in text
    assert "Activity 1 of 2: Putting on socks" in text
    assert "Please type a whole number from 0 to 10, or later." in text  # the "x"
    assert log.psfs == [("Putting on socks", 3), ("putting on socks", 10)]
    assert text.index("Activity 2 of 2") < text.index("Step 1 of 1: Rest")  # before the start


def test_listed_activities_are_rated_and_escapes_shown_literally():
    code, text, log = run(psfs_routine("Sock\x1b[2Js", "Stairs"), ["4", "5", "6", "", ""])
    assert log.psfs == [("Sock\x1b[2Js", 5), ("Stairs", 6)]
    assert "Activity 1 of 2: Sock [2Js" in text and "\x1b[2J" not in text


def test_later_records_nothing_and_says_it_asks_next_time():
    code, text, log = run(psfs_routine("Socks", "Stairs"), ["4", "5", "later", "", ""])
    assert code == 0 and "psfs" not in [name for name, _ in log.calls]
    assert "Not today: you will be asked at your next session." in text


def test_not_asked_before_it_is_due_again():
    last = Taken(date(2026, 1, 1), ("Socks",))  # four days before the fake clock's day
    code, text, log = run(psfs_routine("Socks"), ["4", "", ""], last=last)
    assert "PSFS" not in text and "psfs" not in [name for name, _ in log.calls]


def test_from_a_pipe_nothing_is_asked():
    code, text, log = run(psfs_routine("Socks"), [], style=PIPE)
    assert code == 0 and "PSFS" not in text and log.calls == []
