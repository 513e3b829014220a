"""One run on the real clock: the plain runner ends a short routine on time.

No sleeps here: the runner itself waits for the engine's deadlines on an input that never
sends a line, as it does in use.
"""

from __future__ import annotations

import io
import os

import pytest
from fakes import MemoryLog

from homecare.plain.input import LineReader
from homecare.plain.runner import PlainRunner
from homecare.plain.terminal import Style
from homecare.routine.model import IntervalPhase, IntervalStep, RestStep, Routine
from homecare.session.clock import SystemClock
from homecare.session.engine import Engine, PhaseStarted, SessionCompleted
from homecare.session.plan import compile_plan

# Unloaded it is under a millisecond late; the bound allows for a loaded two-core machine (CI)
# and still catches a timer that drifts by counting its ticks (seconds off, not milliseconds).
TOLERANCE = 0.250


@pytest.mark.realtime
def test_a_three_second_routine_ends_on_time():
    routine = Routine(
        title="Short",
        steps=(
            IntervalStep(phases=(IntervalPhase("In", 1), IntervalPhase("Out", 1))),
            RestStep(seconds=1),
        ),
    )
    plan = compile_plan(routine)
    clock = SystemClock()
    engine = Engine(plan, clock)

    log = MemoryLog(clock)

    read_end, write_end = os.pipe()
    with open(read_end, encoding="utf-8") as silent, open(write_end, "w", encoding="utf-8"):
        style = Style(redraw=False, colour=False, bells=False, countdown_beeps=False, ask=False)
        runner = PlainRunner(engine, LineReader(silent), io.StringIO(), style, log)
        assert runner.run() == 0  # the input stays open and silent throughout

    assert log.calls == []  # nothing is asked when input is not a terminal
    moments = log.moments
    start = moments[0][0]
    starts = [now - start for now, event in moments if isinstance(event, PhaseStarted)]
    (end,) = [now - start for now, event in moments if isinstance(event, SessionCompleted)]
    assert plan.total_seconds == 3.0
    assert 3.0 <= end < 3.0 + TOLERANCE
    for late, planned in zip(starts, (0.0, 1.0, 2.0), strict=True):
        assert planned <= late < planned + TOLERANCE
